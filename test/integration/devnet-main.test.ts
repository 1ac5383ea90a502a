/**
 * `npm run devnet` (server/devnet/main.ts) as a process: it starts the chain (RPC, REST, faucet) and the
 * simulated providers, prints every endpoint, stops cleanly on SIGTERM/SIGINT and honours --reset.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StargateClient } from "@cosmjs/stargate";

const REPO = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "devnet-main-"));
const children = new Set<ChildProcessWithoutNullStreams>();

afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs main.ts on free ports and waits for its banner. */
async function runDevnet(args: string[], providers: number): Promise<Running & { banner: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/devnet/main.ts", "--data-dir", dataDir, "--block-ms", "200", ...args], {
    cwd: REPO,
    env: {
      ...process.env,
      DEVNET_RPC_PORT: "0",
      DEVNET_REST_PORT: "0",
      DEVNET_FAUCET_PORT: "0",
      DEVNET_PROVIDERS: String(providers),
      DEVNET_PROVIDER_BASE_PORT: "0",
      DEVNET_PROVIDER_ADMIN_PORT: "0",
      DEVNET_BID_DELAY_MS: "50",
    },
  });
  children.add(child);
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => (children.delete(child), resolve(code))));
  const deadline = Date.now() + 45_000;
  while (!out.includes("Ctrl-C to stop.")) {
    if (child.exitCode !== null) throw new Error(`devnet exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`no banner within 45 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, exited, banner: out };
}

function endpoint(banner: string, label: string): string {
  const m = new RegExp(`^\\s+${label}\\s+(\\S+)`, "m").exec(banner);
  if (!m) throw new Error(`no ${label} line in:\n${banner}`);
  return m[1]!;
}

async function json(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe("npm run devnet (server/devnet/main.ts)", () => {
  let stoppedAt = 0;

  it("starts the chain and the providers, prints every endpoint, stops cleanly on SIGTERM", async () => {
    const run = await runDevnet(["--reset"], 2);
    const rpc = endpoint(run.banner, "RPC");
    const rest = endpoint(run.banner, "REST");
    const faucet = endpoint(run.banner, "faucet");
    const admin = /admin (http:\S+)/.exec(run.banner)?.[1];
    expect(admin, run.banner).toBeDefined();
    expect(run.banner).not.toMatch(/proxy\s+http/i);

    const client = await StargateClient.connect(rpc);
    expect(await client.getChainId()).toBe("akash-devnet-1");
    expect(await client.getHeight()).toBeGreaterThanOrEqual(1);
    client.disconnect();
    expect((await json(`${faucet}/status`)).status).toBe("ok");

    // Each printed provider is registered on chain with the printed host URI, and listed by the admin endpoint.
    const printed = [...run.banner.matchAll(/^\s+(provider-\d+)\s+(https:\/\/\S+)\s+(akash1\w+)$/gm)].map((m) => ({ name: m[1]!, hostUri: m[2]!, address: m[3]! }));
    expect(printed).toHaveLength(2);
    const onChain = (await json(`${rest}/akash/provider/v1beta4/providers`)).providers as { owner: string; host_uri: string }[];
    for (const p of printed) expect(onChain).toContainEqual(expect.objectContaining({ owner: p.address, host_uri: p.hostUri }));
    const listed = (await json(`${admin}/providers`)).providers as { name: string; hostUri: string }[];
    expect(listed.map((p) => [p.name, p.hostUri])).toEqual(printed.map((p) => [p.name, p.hostUri]));
    // The provider gateways answer (self-signed certificates, as real providers have).
    const gatewayPort = new URL(printed[0]!.hostUri).port;
    const { request } = await import("node:https");
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: "127.0.0.1", port: gatewayPort, path: "/status", rejectUnauthorized: false }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on("error", reject).end();
    });
    expect(status).toBe(200);

    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    const stopped = /stopped at height (\d+)/.exec(run.output());
    expect(stopped, run.output()).not.toBeNull();
    stoppedAt = Number(stopped![1]);
    // Ports are released: nothing answers on the RPC port any more.
    await expect(fetch(`${rpc}/status`)).rejects.toThrow();
  }, 90_000);

  it("resumes from the data dir without --reset, and --reset starts from genesis (SIGINT stops it too)", async () => {
    expect(stoppedAt).toBeGreaterThan(1);
    const resumed = await runDevnet([], 0);
    expect(resumed.banner).toContain("providers (none");
    const resumedHeight = Number(/height (\d+)/.exec(resumed.banner)![1]);
    expect(resumedHeight).toBeGreaterThanOrEqual(stoppedAt);
    resumed.child.kill("SIGINT");
    expect(await resumed.exited).toBe(0);

    const reset = await runDevnet(["--reset"], 0);
    const height = Number(/height (\d+)/.exec(reset.banner)![1]);
    expect(height).toBeLessThan(stoppedAt);
    const client = await StargateClient.connect(endpoint(reset.banner, "RPC"));
    expect(await client.getHeight()).toBeLessThan(stoppedAt);
    client.disconnect();
    // The providers registered before the reset are gone with the old chain.
    const rest = endpoint(reset.banner, "REST");
    expect(((await json(`${rest}/akash/provider/v1beta4/providers`)).providers as unknown[]).length).toBe(0);
    reset.child.kill("SIGINT");
    expect(await reset.exited).toBe(0);
  }, 90_000);
});
