/**
 * The header's node health check against the real devnet: REST's latest block and the RPC's `/status` read with
 * plain fetch (no cosmjs on the first load), and an RPC that does not answer reported as such.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type RunningDevnet } from "../../server/devnet/index.ts";
import { closedPortUrl } from "./closed-port.ts";
import { checkNodeHealth, getRpcStatus } from "../../src/lib/chain/health.ts";

let devnet: RunningDevnet;

beforeAll(async () => {
  devnet = await startDevnet({ dataDir: null, host: "127.0.0.1", rpcPort: 0, restPort: 0, noFaucet: true, blockMs: 250 });
  while (devnet.chain.latestHeight() < 1) await new Promise((r) => setTimeout(r, 50));
});

afterAll(async () => {
  await devnet?.stop();
});


describe("node health", () => {
  it("reads the RPC's chain id and sync state", async () => {
    expect(await getRpcStatus(devnet.rpcUrl)).toEqual({ chainId: devnet.chainId, catchingUp: false });
  });

  it("is ok on the devnet, with its chain id and height", async () => {
    const health = await checkNodeHealth({ chainId: devnet.chainId, rpcUrl: devnet.rpcUrl, restUrl: devnet.restUrl, blockTimeMs: 250 });
    expect(health).toMatchObject({ state: "ok", chainId: devnet.chainId, message: null });
    expect(health.height).toBeGreaterThanOrEqual(1);
  });

  it("says the RPC is down when only the RPC does not answer", async () => {
    const health = await checkNodeHealth({ chainId: devnet.chainId, rpcUrl: await closedPortUrl(), restUrl: devnet.restUrl, blockTimeMs: 250 });
    expect(health.state).toBe("rpc-down");
    expect(health.message).toMatch(/^RPC unreachable \(signing will fail\): Cannot reach 127\.0\.0\.1:\d+/);
  });

  it("says the node is on another chain than the network expects", async () => {
    const health = await checkNodeHealth({ chainId: "akashnet-2", rpcUrl: devnet.rpcUrl, restUrl: devnet.restUrl, blockTimeMs: 250 });
    expect(health.state).toBe("wrong-chain");
  });
});
