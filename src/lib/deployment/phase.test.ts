import { describe, expect, it } from "vitest";
import { deploymentPhase, PENDING_EXPIRY_MS } from "./phase";

describe("deploymentPhase", () => {
  const savedAt = 1_000_000;
  const record = { updatedAt: savedAt };
  const active = { state: "active" };
  const closedLease = { state: "closed" };

  it("is unknown until the chain has been read", () => {
    expect(deploymentPhase(record, undefined, [], savedAt)).toBe("unknown");
    expect(deploymentPhase(undefined, null, [], savedAt)).toBe("unknown");
    expect(deploymentPhase(record, active, undefined, savedAt)).toBe("unknown");
  });

  it("a record with no deployment on chain is pending while its transaction can still land, then abandoned", () => {
    expect(deploymentPhase(record, null, [], savedAt + 5_000)).toBe("pending");
    expect(deploymentPhase(record, null, [], savedAt + PENDING_EXPIRY_MS)).toBe("pending");
    expect(deploymentPhase(record, null, [], savedAt + PENDING_EXPIRY_MS + 1)).toBe("abandoned");
  });

  it("no record and no deployment: missing", () => {
    expect(deploymentPhase(null, null, [], savedAt)).toBe("missing");
  });

  it("on chain: open without an active lease, leased with one, closed whatever the leases say", () => {
    expect(deploymentPhase(record, active, [], savedAt)).toBe("open");
    expect(deploymentPhase(record, active, [closedLease], savedAt)).toBe("open");
    expect(deploymentPhase(record, active, [closedLease, active], savedAt)).toBe("leased");
    expect(deploymentPhase(null, active, [active], savedAt)).toBe("leased");
    expect(deploymentPhase(record, { state: "closed" }, [active], savedAt)).toBe("closed");
    expect(deploymentPhase(record, { state: "closed" }, undefined, savedAt)).toBe("closed");
  });

  it("the chain's answer wins over the record's age", () => {
    expect(deploymentPhase(record, active, [], savedAt + 10 * PENDING_EXPIRY_MS)).toBe("open");
  });
});
