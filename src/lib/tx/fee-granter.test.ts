import { describe, expect, it } from "vitest";
import type { FeeGrant } from "../chain/feegrant";
import { TxFailedError } from "./errors";
import { approveAndSend, retryWithoutGranter, withFeeAllowance, type FeeAllowanceReader } from "./fee-granter";
import type { PreparedTx, TxResult } from "./signing";

const signer = "akash1member";
const now = Date.UTC(2026, 11, 3, 12);
const CREATE = "/akash.deployment.v1beta4.MsgCreateDeployment";
// 100,000 gas simulated: (130,000 + 80,000 for the grant) × 0.025 = 5,250 uakt.
const prepared: PreparedTx = { messages: [{ typeUrl: CREATE, value: {} }], memo: "", gasUsed: 100_000, fee: { amount: [{ denom: "uakt", amount: "3250" }], gas: "130000" } };

function allowance(granter: string, uakt: string, extra: Partial<FeeGrant["allowance"]> = {}): FeeGrant {
  return { granter, grantee: signer, allowance: { kind: "basic", typeUrl: "/cosmos.feegrant.v1beta1.BasicAllowance", spendLimit: [{ denom: "uakt", amount: uakt }], expiresAt: null, allowedMessages: null, ...extra } };
}

/** A reader that answers from `cached` or `fresh` and records which was asked for. */
function reader(cached: readonly FeeGrant[] | Error, fresh: readonly FeeGrant[] | Error = cached): FeeAllowanceReader & { reads: boolean[] } {
  const reads: boolean[] = [];
  const read = (wantFresh: boolean) => {
    reads.push(wantFresh);
    const answer = wantFresh ? fresh : cached;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return Object.assign(read, { reads });
}

describe("withFeeAllowance: who pays the fee", () => {
  it("uses a cached allowance that covers the fee, without asking the node again", async () => {
    const allowances = reader([allowance("akash1small", "5000"), allowance("akash1treasury", "5250")]);
    const tx = await withFeeAllowance(prepared, allowances, { now });
    expect(tx.fee).toEqual({ amount: [{ denom: "uakt", amount: "5250" }], gas: "210000", granter: "akash1treasury" });
    expect(allowances.reads).toEqual([false]);
  });

  it("trusts a cached empty list: the signer pays, the node is not asked", async () => {
    const allowances = reader([], [allowance("akash1treasury", "9000")]);
    expect(await withFeeAllowance(prepared, allowances, { now })).toBe(prepared);
    expect(allowances.reads).toEqual([false]);
  });

  it("reads the node again when the cached allowances do not cover the fee", async () => {
    const topUp = reader([allowance("akash1treasury", "5000")], [allowance("akash1treasury", "100000")]);
    expect((await withFeeAllowance(prepared, topUp, { now })).fee.granter).toBe("akash1treasury");
    expect(topUp.reads).toEqual([false, true]);

    const spent = reader([allowance("akash1treasury", "5000")], [allowance("akash1treasury", "10")]);
    expect(await withFeeAllowance(prepared, spent, { now })).toBe(prepared);
    expect(spent.reads).toEqual([false, true]);
  });

  it("never names a granter for messages, or after a time, its allowance does not cover", async () => {
    const onlySends = reader([allowance("akash1treasury", "9000", { allowedMessages: ["/cosmos.bank.v1beta1.MsgSend"] })]);
    expect(await withFeeAllowance(prepared, onlySends, { now })).toBe(prepared);
    const expired = reader([allowance("akash1treasury", "9000", { expiresAt: now - 1 })]);
    expect(await withFeeAllowance(prepared, expired, { now })).toBe(prepared);
  });

  it("lets the signer pay when the allowances cannot be read", async () => {
    expect(await withFeeAllowance(prepared, reader(new Error("offline")), { now })).toBe(prepared);
    expect(await withFeeAllowance(prepared, reader([allowance("akash1treasury", "10")], new Error("offline")), { now })).toBe(prepared);
  });
});

describe("retryWithoutGranter: after the chain refused the allowance", () => {
  const sent = { ...prepared, fee: { amount: [{ denom: "uakt", amount: "5250" }], gas: "210000", granter: "akash1treasury" } };
  const revoked = new TxFailedError(38, "sdk", "akash1treasury does not allow to pay fees for akash1member: fee-grant not found: not found");

  it("reads the node afresh and leaves the refused granter out", async () => {
    const another = reader([allowance("akash1treasury", "9000")], [allowance("akash1treasury", "9000"), allowance("akash1other", "9000")]);
    expect((await retryWithoutGranter(revoked, prepared, sent, another, now))?.fee.granter).toBe("akash1other");
    expect(another.reads).toEqual([true]);

    // The node still lists the refused allowance (its limit is read differently than the ante checks it): the signer pays.
    const stillListed = reader([allowance("akash1treasury", "9000")]);
    expect(await retryWithoutGranter(revoked, prepared, sent, stillListed, now)).toBe(prepared);
  });

  it("is not a retry for other failures, or when the signer paid", () => {
    const allowances = reader([allowance("akash1treasury", "9000")]);
    expect(retryWithoutGranter(new TxFailedError(5, "sdk", "1uakt is smaller than 5uakt: insufficient funds"), prepared, sent, allowances)).toBeNull();
    expect(retryWithoutGranter(revoked, prepared, prepared, allowances)).toBeNull();
    expect(allowances.reads).toEqual([]);
  });
});

describe("approveAndSend: the wallet's approve-and-send around a refused allowance", () => {
  const revoked = () => new TxFailedError(38, "sdk", "akash1treasury does not allow to pay fees for akash1member: fee-grant not found: not found");
  const included: TxResult = { hash: "AB", height: 9, gasUsed: 150_000, gasWanted: 210_000, events: [] };

  /** Records each approval asked for (payer and notice) and answers sends from `outcomes` in turn. */
  function wallet(outcomes: Array<TxResult | Error>, answers: boolean[] = [true, true]) {
    const asked: Array<{ granter: string | undefined; notice: string | undefined }> = [];
    const sent: Array<string | undefined> = [];
    let rechosen = 0;
    return {
      asked,
      sent,
      rechosen: () => rechosen,
      steps: {
        approve: (tx: PreparedTx, notice?: string) => {
          asked.push({ granter: tx.fee.granter, notice });
          return Promise.resolve(answers[asked.length - 1] ?? false);
        },
        send: (tx: PreparedTx) => {
          sent.push(tx.fee.granter);
          const outcome = outcomes[sent.length - 1]!;
          return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
        },
        rechoosing: () => void rechosen++,
      },
    };
  }

  it("sends what was approved, with the granter the cache named", async () => {
    const w = wallet([included]);
    expect(await approveAndSend(prepared, reader([allowance("akash1treasury", "9000")]), w.steps)).toBe(included);
    expect(w.asked).toEqual([{ granter: "akash1treasury", notice: undefined }]);
    expect(w.sent).toEqual(["akash1treasury"]);
  });

  it("sends nothing when the user declines", async () => {
    const w = wallet([included], [false]);
    expect(await approveAndSend(prepared, reader([]), w.steps)).toBeNull();
    expect(w.sent).toEqual([]);
  });

  it("after the chain refused a revoked allowance, asks again with the signer paying and says why", async () => {
    const w = wallet([revoked(), included]);
    const allowances = reader([allowance("akash1treasury", "9000")], []);
    expect(await approveAndSend(prepared, allowances, w.steps)).toBe(included);
    expect(w.sent).toEqual(["akash1treasury", undefined]);
    expect(w.asked[1]!.granter).toBeUndefined();
    expect(w.asked[1]!.notice).toMatch(/^akash1treasury no longer pays this fee: .*Nothing was charged\. You pay it yourself this time\.$/);
    expect(w.rechosen()).toBe(1);
    expect(allowances.reads).toEqual([false, true]);
  });

  it("a declined second approval sends nothing more", async () => {
    const w = wallet([revoked(), included], [true, false]);
    expect(await approveAndSend(prepared, reader([allowance("akash1treasury", "9000")], []), w.steps)).toBeNull();
    expect(w.sent).toEqual(["akash1treasury"]);
  });

  it("retries once: a second refusal, or any other failure, is the caller's to report", async () => {
    const twice = wallet([revoked(), revoked(), included]);
    const other = allowance("akash1other", "9000");
    await expect(approveAndSend(prepared, reader([allowance("akash1treasury", "9000")], [other]), twice.steps)).rejects.toThrow(/does not allow to pay fees/);
    expect(twice.sent).toEqual(["akash1treasury", "akash1other"]);
    expect(twice.asked[1]!.notice).toContain("Another allowance pays it: akash1other's.");

    const poor = wallet([new TxFailedError(5, "sdk", "1uakt is smaller than 5250uakt: insufficient funds")]);
    await expect(approveAndSend(prepared, reader([]), poor.steps)).rejects.toThrow(/insufficient funds/);
    expect(poor.asked).toHaveLength(1);
  });
});
