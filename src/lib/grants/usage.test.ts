import { describe, expect, it } from "vitest";
import type { Grant } from "../chain/authz";
import type { Deployment } from "../chain/deployment";
import { grantUsage } from "./usage";

const deployment = (owner: string, dseq: string, deposits: Array<[string, string, string]>): Deployment => ({
  owner,
  dseq,
  state: "active",
  hashB64: "",
  createdAt: 1,
  groups: [],
  escrow: { id: { scope: "deployment", xid: `${owner}/${dseq}` }, state: "open", funds: [], transferred: [], settledAt: 0, deposits: deposits.map(([o, source, amount]) => ({ owner: o, height: 1, source, balance: { denom: "uact", amount } })) } as unknown as Deployment["escrow"],
});

describe("grantUsage", () => {
  it("pairs each deposit grant's remaining limit with the grantee's deployments it funded, exactly", () => {
    const grants: Grant[] = [
      { granter: "akash1t", grantee: "akash1m", authorization: { kind: "deposit", spendLimits: [{ denom: "uact", amount: "4500000" }], scopes: ["deployment"] }, expiresAt: null },
      { granter: "akash1t", grantee: "akash1x", authorization: { kind: "generic", msgTypeUrl: "/cosmos.bank.v1beta1.MsgSend" }, expiresAt: null },
    ];
    const deployments = new Map([
      ["akash1m", [deployment("akash1m", "10", [["akash1t", "grant", "400000.500000000000000000"], ["akash1m", "balance", "100000"]]), deployment("akash1m", "11", [["akash1m", "balance", "9"]])]],
    ]);
    expect(grantUsage(grants, deployments, "uact")).toEqual([
      { granter: "akash1t", grantee: "akash1m", denom: "uact", leftToDraw: 4_500_000n, escrowedNow: 400_000n, deployments: [{ owner: "akash1m", dseq: "10", state: "active", escrowed: 400_000n }] },
    ]);
  });

  it("still shows deployments funded by a grant that is gone (revoked or used up)", () => {
    const usage = grantUsage([], new Map([["akash1m", [deployment("akash1m", "7", [["akash1old", "grant", "5"]])]]]), "uact");
    expect(usage).toEqual([{ granter: "akash1old", grantee: "akash1m", denom: "uact", leftToDraw: null, escrowedNow: 5n, deployments: [expect.objectContaining({ dseq: "7" })] }]);
  });
});
