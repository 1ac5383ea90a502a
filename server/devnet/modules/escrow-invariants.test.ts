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
import type { BidRecord, LeaseRecord, OrderRecord } from "./market.ts";
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

function attempt(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if ((e as { codespace?: string }).codespace === undefined) throw e;
  }
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
          attempt(() => a.deliver(T.createDeployment, createDeploymentMsg(dseq, { price, deposit: String(500000 + Math.floor(rnd() * 2000000)) }), owner));
        } else if (r < 0.3 && openOrders.length > 0) {
          const o = pick(openOrders);
          const p = pick(providers);
          // Mostly valid prices (≤ the order's), sometimes over it.
          const bidPrice = (rnd() * 1.1 * 200000).toFixed(6);
          attempt(() => a.deliver(T.createBid, { ...createBidMsg(o.dseq, p, bidPrice, { oseq: o.oseq }), resourcesOffer: [] }, p));
        } else if (r < 0.42 && openBids.length > 0) {
          const b = pick(openBids);
          attempt(() => a.deliver(T.createLease, { bidId: { owner, dseq: b.dseq, gseq: b.gseq, oseq: b.oseq, provider: b.provider, bseq: 0 } }, owner));
        } else if (r < 0.5) {
          const signer = pick([owner, friend]);
          attempt(() => a.deliver(T.accountDeposit, { signer, id: { scope: 1, xid: `${owner}/${d}` }, deposit: { amount: { denom: "uact", amount: String(1 + Math.floor(rnd() * 300000)) }, sources: [Source.balance] } }, signer));
        } else if (r < 0.58 && activeLeases.length > 0) {
          const l = pick(activeLeases);
          attempt(() => a.deliver(T.withdrawLease, { id: { owner, dseq: l.dseq, gseq: l.gseq, oseq: l.oseq, provider: l.provider, bseq: 0 } }, l.provider));
        } else if (r < 0.62 && activeLeases.length > 0) {
          const l = pick(activeLeases);
          attempt(() => a.deliver(T.closeLease, { id: { owner, dseq: l.dseq, gseq: l.gseq, oseq: l.oseq, provider: l.provider, bseq: 0 }, reason: 1 }, owner));
        } else if (r < 0.65 && activeLeases.length > 0) {
          const l = pick(activeLeases);
          attempt(() => a.deliver(T.closeBid, { id: { owner, dseq: l.dseq, gseq: l.gseq, oseq: l.oseq, provider: l.provider, bseq: 0 }, reason: 10001 }, l.provider));
        } else if (r < 0.68) {
          attempt(() => a.deliver(T.closeDeployment, { id: { owner, dseq: d } }, owner));
        } else {
          a.nextBlock(1 + Math.floor(rnd() * 3));
        }
        expect(totalUact(a)).toBe(initial);
        expect(a.balance(a.bank.moduleAddress("escrow"), "uact")).toBeGreaterThanOrEqual(escrowLiabilities(a));
      }
      // Closing everything returns all escrowed money except sub-unit dust.
      for (let i = 1; i <= dseq; i++) attempt(() => a.deliver(T.closeDeployment, { id: { owner, dseq: String(i) } }, owner));
      expect(totalUact(a)).toBe(initial);
      // Each account and each payment can keep less than 1uact of fractional remainder.
      const objects = [...a.store.iterate("escrow/acc/")].length + [...a.store.iterate("escrow/pay/")].length;
      expect(a.balance(a.bank.moduleAddress("escrow"), "uact")).toBeLessThan(BigInt(objects));
    });
  }
});
