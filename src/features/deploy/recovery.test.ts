import { describe, expect, it } from "vitest";
import type { Deployment } from "@/lib/chain/deployment";
import type { Lease } from "@/lib/chain/market";
import type { DeploymentRecordSummary } from "@/lib/deployment/local-store";
import { PENDING_EXPIRY_MS } from "@/lib/deployment/phase";
import { recoverDeployments } from "./recovery";

const now = 10_000_000;
const record = (dseq: string, updatedAt = now): DeploymentRecordSummary => ({ networkId: "devnet", owner: "akash1o", dseq, name: `d${dseq}`, manifestVersion: "ab", createdAt: updatedAt, updatedAt });
const deployment = (dseq: string, state = "active"): Deployment => ({ owner: "akash1o", dseq, state, hashB64: "", createdAt: 1, groups: [], escrow: null });
const lease = (dseq: string, state = "active") => ({ dseq, state }) as Lease;

describe("recoverDeployments", () => {
  it("offers deployments on chain without an active lease, and forgets records whose transaction never landed", () => {
    const records = [record("1"), record("2"), record("3"), record("4"), record("5"), record("6", now - PENDING_EXPIRY_MS - 1)];
    const onChain = [deployment("1"), deployment("2"), deployment("3", "closed"), deployment("5")];
    const leases = [lease("2"), lease("5", "closed")];
    const { waiting, abandoned } = recoverDeployments(records, onChain, leases, now);
    // 1: waiting; 2: leased; 3: closed; 4: pending (may still land); 5: its only lease closed; 6: never landed.
    expect(waiting.map((r) => r.dseq)).toEqual(["1", "5"]);
    expect(abandoned.map((r) => r.dseq)).toEqual(["6"]);
  });

  it("decides nothing until the chain has been read", () => {
    expect(recoverDeployments([record("1", 0)], undefined, undefined, now)).toEqual({ waiting: [], abandoned: [] });
    // Deployments read, leases not yet: nothing is offered, but a record that never landed is still known.
    expect(recoverDeployments([record("1"), record("2", 0)], [deployment("1")], undefined, now)).toEqual({ waiting: [], abandoned: [record("2", 0)] });
  });
});
