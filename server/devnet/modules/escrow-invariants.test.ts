/**
 * Random sequences of deployments, bids, leases, top-ups, withdrawals, lease/bid/deployment
 * closes and blocks (seeded, so reproducible; overdrawn leases occur): no uact is created or lost,
 * and the escrow module always holds at least what its open accounts and payments owe.
 */
import { describe, expect, it } from "vitest";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { TestApp, testAddress } from "./testing.ts";
import { T, createBidMsg, createDeploymentMsg, owner, registerProvider } from "./fixtures.test-util.ts";
import type { EscrowAccount, EscrowPayment } from "./escrow.ts";
import type { BidRecord, LeaseRecord, OrderRecord } from "./market-keeper.ts";
import type { DeploymentRecord } from "./deployment.ts";
import { parseDec } from "./util.ts";

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const providers = [0, 1, 2].map((i) => testAddress(`inv-provider-${i}`));
const friend = testAddress("inv-friend");

function totalUact(a: TestApp): bigint {
  let sum = 0n;
  for (const addr of [owner, friend, ...providers, a.bank.moduleAddress("escrow")]) sum += a.balance(addr, "uact");
  return sum;
}

/** What the escrow module must cover: open/overdrawn accounts' positive funds + payments' unpaid balances. */
function escrowLiabilities(a: TestApp): bigint {
  let dec = 0n;
  for (const [, acc] of a.store.iterate<EscrowAccount>("escrow/acc/")) {
    if (acc.state === "closed") continue;
    for (const f of acc.funds) if (parseDec(f.amount) > 0n) dec += parseDec(f.amount);
  }
  for (const [, p] of a.store.iterate<EscrowPayment>("escrow/pay/")) dec += parseDec(p.balance.amount);
  return dec / 10n ** 18n;
}

type Op = "createDeployment" | "createBid" | "createLease" | "deposit" | "withdrawLease" | "closeLease" | "closeBid" | "closeDeployment";

/**
 * The chain errors ("codespace/code") each operation can legitimately hit with random inputs; any
 * other error fails the test. Operations that only pick live objects (open bids, active leases)
 * and fresh dseqs must not fail except for running out of funds.
 */
const EXPECTED_ERRORS: Record<Op, readonly string[]> = {
  createDeployment: ["sdk/5"], // owner's balance ran out
  createBid: ["market/21", "market/22", "sdk/5"], // provider already bid on the order; price above the order's; provider's balance ran out
  createLease: [],
  deposit: ["escrow/2", "escrow/3", "sdk/5"], // deployment closed; dseq not created yet; signer's balance ran out
  withdrawLease: [],
  closeLease: [],
  closeBid: [],
  closeDeployment: ["deployment/4", "deployment/5"], // dseq not created yet; already closed
};

/** Runs one operation; records "ok" or its expected error code, and fails on anything else. */
function attempt(tally: Map<string, number>, op: Op, fn: () => unknown): boolean {
  let outcome = "ok";
  try {
    fn();
  } catch (e) {
    const err = e as { codespace?: string; code?: number; message?: string };
    if (err.codespace === undefined) throw e;
    outcome = `${err.codespace}/${err.code}`;
    expect(EXPECTED_ERRORS[op], `${op} failed with ${outcome}: ${err.message}`).toContain(outcome);
  }
  const key = `${op} ${outcome}`;
  tally.set(key, (tally.get(key) ?? 0) + 1);
  return outcome === "ok";
}

describe("escrow invariants under random operations", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`conserves uact and stays solvent (seed ${seed})`, () => {
      const rnd = prng(seed);
      const pick = <X,>(xs: X[]) => xs[Math.floor(rnd() * xs.length)]!;
      const a = new TestApp();
      a.fund(owner, [{ denom: "uact", amount: "50000000" }]);
      a.fund(friend, [{ denom: "uact", amount: "5000000" }]);
      for (const p of providers) {
        a.fund(p, [{ denom: "uact", amount: "5000000" }]);
        registerProvider(a, p);
      }
      const initial = totalUact(a);
      const tally = new Map<string, number>();
      let dseq = 0;
      const live = <V,>(prefix: string, ok: (v: V) => boolean) => [...a.store.iterate<V>(prefix)].map(([, v]) => v).filter(ok);
      for (let step = 0; step < 200; step++) {
        const r = rnd();
        const openBids = live<BidRecord>("market/b/", (b) => b.state === "open");
        const activeLeases = live<LeaseRecord>("market/l/", (l) => l.state === "active");
        const openOrders = live<OrderRecord>("market/o/", (o) => o.state === "open");
        const d = String(1 + Math.floor(rnd() * Math.max(dseq, 1)));
        if (r < 0.12) {
          dseq++;
          const price = `${1000 + Math.floor(rnd() * 200000)}.${Math.floor(rnd() * 1e6)}`;
          attempt(tally, "createDeployment", () => a.deliver(T.createDeployment, createDeploymentMsg(dseq, { price, deposit: String(500000 + Math.floor(rnd() * 2000000)) }), owner));
        } else if (r < 0.3 && openOrders.length > 0) {
          const o = pick(openOrders);
          const p = pick(providers);
          // Mostly valid prices (≤ the order's), sometimes over it.
          const bidPrice = (rnd() * 1.1 * 200000).toFixed(6);
          attempt(tally, "createBid", () => a.deliver(T.createBid, { ...createBidMsg(o.dseq, p, bidPrice, { oseq: o.oseq }), resourcesOffer: [] }, p));
        } else if (r < 0.42 && openBids.length > 0) {
          const b = pick(openBids);
          attempt(tally, "createLease", () => a.deliver(T.createLease, { bidId: { owner, dseq: b.dseq, gseq: b.gseq, oseq: b.oseq, provider: b.provider, bseq: 0 } }, owner));
        } else if (r < 0.5) {
          const signer = pick([owner, friend]);
          attempt(tally, "deposit", () => a.deliver(T.accountDeposit, { signer, id: { scope: 1, xid: `${owner}/${d}` }, deposit: { amount: { denom: "uact", amount: String(1 + Math.floor(rnd() * 300000)) }, sources: [Source.balance] } }, signer));
        } else if (r < 0.58 && activeLeases.length > 0) {
          const l = pick(activeLeases);
          attempt(tally, "withdrawLease", () => a.deliver(T.withdrawLease, { id: { owner, dseq: l.dseq, gseq: l.gseq, oseq: l.oseq, provider: l.provider, bseq: 0 } }, l.provider));
        } else if (r < 0.62 && activeLeases.length > 0) {
          const l = pick(activeLeases);
          attempt(tally, "closeLease", () => a.deliver(T.closeLease, { id: { owner, dseq: l.dseq, gseq: l.gseq, oseq: l.oseq, provider: l.provider, bseq: 0 }, reason: 1 }, owner));
        } else if (r < 0.65 && activeLeases.length > 0) {
          const l = pick(activeLeases);
          attempt(tally, "closeBid", () => a.deliver(T.closeBid, { id: { owner, dseq: l.dseq, gseq: l.gseq, oseq: l.oseq, provider: l.provider, bseq: 0 }, reason: 10001 }, l.provider));
        } else if (r < 0.68) {
          attempt(tally, "closeDeployment", () => a.deliver(T.closeDeployment, { id: { owner, dseq: d } }, owner));
        } else {
          a.nextBlock(1 + Math.floor(rnd() * 3));
        }
        expect(totalUact(a)).toBe(initial);
        expect(a.balance(a.bank.moduleAddress("escrow"), "uact")).toBeGreaterThanOrEqual(escrowLiabilities(a));
      }
      // Every kind of operation really ran, not just failed: at least one success each.
      const ops = Object.keys(EXPECTED_ERRORS) as Op[];
      expect(ops.filter((op) => !tally.has(`${op} ok`)), JSON.stringify(Object.fromEntries(tally))).toEqual([]);

      // Closing everything returns all escrowed money except sub-unit dust; exactly the still-active
      // deployments close, the others answer "Deployment closed".
      const deployments = live<DeploymentRecord>("deployment/d/", () => true);
      const activeDeployments = deployments.filter((x) => x.state === "active").length;
      expect(activeDeployments).toBeGreaterThan(0);
      const final = new Map<string, number>();
      let closed = 0;
      for (let i = 1; i <= dseq; i++) {
        if (attempt(final, "closeDeployment", () => a.deliver(T.closeDeployment, { id: { owner, dseq: String(i) } }, owner))) closed++;
      }
      expect(closed).toBe(activeDeployments);
      expect(final.get("closeDeployment deployment/5") ?? 0).toBe(deployments.length - activeDeployments);
      expect(live<DeploymentRecord>("deployment/d/", (x) => x.state === "active")).toEqual([]);
      expect(totalUact(a)).toBe(initial);
      // Each account and each payment can keep less than 1uact of fractional remainder.
      const objects = [...a.store.iterate("escrow/acc/")].length + [...a.store.iterate("escrow/pay/")].length;
      expect(a.balance(a.bank.moduleAddress("escrow"), "uact")).toBeLessThan(BigInt(objects));
    });
  }
});
