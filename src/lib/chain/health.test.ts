import { describe, expect, it } from "vitest";
import { assessHealth, parseRpcStatus, type HealthInputs } from "./health";

const target = { chainId: "akash-devnet-1", rpcUrl: "http://rpc", restUrl: "http://rest", blockTimeMs: 1000 };
const now = Date.parse("2026-11-21T12:00:00Z");

function setup(overrides: Partial<HealthInputs> = {}) {
  return assessHealth({
    target,
    now,
    rest: { chainId: "akash-devnet-1", height: 42, time: "2026-11-21T11:59:59Z" },
    rpc: { chainId: "akash-devnet-1", catchingUp: false },
    ...overrides,
  });
}

describe("assessHealth", () => {
  it("is ok when the node is fresh and on the right chain", () => {
    expect(setup()).toMatchObject({ state: "ok", height: 42, message: null });
  });
  it("reports down when REST fails", () => {
    expect(setup({ rest: { error: "Cannot reach rest" } })).toMatchObject({ state: "down", height: null });
  });
  it("reports a chain id mismatch", () => {
    const health = setup({ rest: { chainId: "akashnet-2", height: 1, time: "2026-11-21T11:59:59Z" } });
    expect(health.state).toBe("wrong-chain");
    expect(health.message).toContain("akashnet-2");
  });
  it("accepts any chain id when none is expected (custom network)", () => {
    const health = assessHealth({
      target: { ...target, chainId: "" },
      now,
      rest: { chainId: "whatever-1", height: 5, time: "2026-11-21T11:59:59Z" },
      rpc: { chainId: "whatever-1", catchingUp: false },
    });
    expect(health.state).toBe("ok");
  });
  it("reports lagging when blocks are old", () => {
    const health = setup({ rest: { chainId: "akash-devnet-1", height: 42, time: "2026-11-21T11:58:00Z" } });
    expect(health.state).toBe("lagging");
    expect(health.message).toBe("No new block for 120 s");
  });
  it("reports lagging while catching up", () => {
    expect(setup({ rpc: { chainId: "akash-devnet-1", catchingUp: true } }).state).toBe("lagging");
  });
  it("reports rpc-down when only RPC fails", () => {
    expect(setup({ rpc: { error: "Cannot reach rpc" } }).state).toBe("rpc-down");
  });
});

describe("parseRpcStatus", () => {
  const status = (result: unknown) => ({ jsonrpc: "2.0", id: -1, result });
  it("reads the chain id and the sync state of CometBFT's /status", () => {
    expect(parseRpcStatus(status({ node_info: { network: "akashnet-2" }, sync_info: { catching_up: true } }), "http://rpc")).toEqual({ chainId: "akashnet-2", catchingUp: true });
  });
  it("rejects answers without them (an RPC error, another service, a string for the flag)", () => {
    for (const body of [null, "ok", { error: { code: -32603, message: "boom" } }, status({ node_info: {}, sync_info: { catching_up: false } }), status({ node_info: { network: "x" }, sync_info: { catching_up: "false" } })]) {
      expect(() => parseRpcStatus(body, "http://rpc")).toThrow(/no chain id or sync state/);
    }
  });
});
