/**
 * `npm run test:security`: the attacks a permissionless provider or a hostile web page can try against the provider
 * proxy, run against the real thing. A devnet chain, a hostile provider registered on it (its own key, on-chain
 * certificate and host URI), and the proxy serving that chain twice: as "devnet" (loopback allowed, where the hostile
 * provider is reached) and as "mainnet" (the same chain, loopback refused, as for any public network). Prints a table
 * (attack, expected refusal, result) and a closing `N passed, N failed` line; exits non-zero if any attack got through
 * or the proxy stopped answering.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC } from "../server/devnet/config.ts";
import { startDevnet } from "../server/devnet/index.ts";
import { startProxy } from "../server/proxy/server.ts";
import { generateCert, startFakeProvider } from "../server/proxy/testing/fake-provider.ts";
import { ProxyClient, jwtFor } from "../server/proxy/testing/helpers.ts";
import { createAkashRegistry } from "../server/shared/akash-registry.ts";
import { getErrorMessage } from "../src/lib/errors.ts";

interface Row {
  attack: string;
  expected: string;
  result: string;
  ok: boolean;
}

const rows: Row[] = [];

async function attack(name: string, expected: string, run: () => Promise<{ ok: boolean; result: string }>) {
  try {
    const { ok, result } = await run();
    rows.push({ attack: name, expected, result, ok });
  } catch (error) {
    rows.push({ attack: name, expected, result: `error: ${getErrorMessage(error)}`, ok: false });
  }
}

const describe = (res: Response) => `${res.status} ${res.headers.get("x-proxy-error") ?? "(from provider)"}`;

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), "security-suite-"));
  const devnet = await startDevnet({ dataDir: join(dataDir, "chain"), rpcPort: 0, restPort: 0, faucetPort: 0, blockMs: 200, host: "127.0.0.1", noFaucet: true });
  const stops: Array<() => Promise<void> | void> = [() => devnet.stop()];
  try {
    // The hostile provider: a fresh account, funded, with its certificate and host URI on chain.
    const wallet = await DirectSecp256k1HdWallet.generate(12, { prefix: "akash" });
    const owner = (await wallet.getAccounts())[0]!.address;
    const funder = await SigningStargateClient.createWithSigner(await connectComet(devnet.rpcUrl), await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }), {
      registry: createAkashRegistry(),
      gasPrice: GasPrice.fromString("0.025uakt"),
      broadcastPollIntervalMs: 100,
    });
    await funder.sendTokens(DEVNET_ADDRESS, owner, [{ denom: "uakt", amount: "10000000" }], "auto");
    funder.disconnect();
    const token = jwtFor(owner);
    const cert = await generateCert(owner);
    const hostile = await startFakeProvider({ address: owner, hostname: "hostile.localhost", serverCert: cert, tokens: [token] });
    stops.push(() => hostile.close());
    const signer = await SigningStargateClient.createWithSigner(await connectComet(devnet.rpcUrl), wallet, { registry: createAkashRegistry(), gasPrice: GasPrice.fromString("0.025uakt"), broadcastPollIntervalMs: 100 });
    for (const msg of [
      { typeUrl: "/akash.cert.v1.MsgCreateCertificate", value: { owner, cert: Buffer.from(cert.cert), pubkey: Buffer.from(cert.publicKey) } },
      { typeUrl: "/akash.provider.v1beta4.MsgCreateProvider", value: { owner, hostUri: hostile.hostUri, attributes: [{ key: "organization", value: "Totally Legit Cloud" }], info: { email: "", website: "" } } },
    ]) {
      const res = await signer.signAndBroadcast(owner, [msg], "auto");
      if (res.code !== 0) throw new Error(`registering the hostile provider: ${res.rawLog}`);
    }
    stops.push(() => signer.disconnect());
    const updateHostUri = async (hostUri: string) => {
      const msg = { typeUrl: "/akash.provider.v1beta4.MsgUpdateProvider", value: { owner, hostUri, attributes: [{ key: "organization", value: "Totally Legit Cloud" }], info: { email: "", website: "" } } };
      const res = await signer.signAndBroadcast(owner, [msg], "auto");
      if (res.code !== 0) throw new Error(`updating the hostile provider: ${res.rawLog}`);
    };

    const logged: string[] = [];
    const proxy = await startProxy({
      host: "127.0.0.1",
      port: 0,
      restUrl: devnet.restUrl,
      allowLoopback: true,
      defaultNetwork: "devnet",
      networks: { mainnet: { restUrl: devnet.restUrl } },
      corsOrigins: ["https://console.example"],
      rateLimit: { perSecond: 20, burst: 40 },
      maxBodyBytes: 1 << 20,
      // Every lookup goes to the chain (the provider changes its host URI during the suite).
      cache: false,
      log: (entry) => logged.push(JSON.stringify(entry)),
    });
    stops.push(() => proxy.close());
    const auth = { type: "jwt", token };
    const envelope = (path: string, extra: Record<string, unknown> = {}) => ({ method: "GET", url: `${hostile.hostUri}${path}`, providerAddress: owner, auth, ...extra });
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(proxy.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body), redirect: "manual" });

    // --- A hostile provider ---
    await attack("307 redirect to the attacker (re-POST of keys)", "502 providerRedirect, no Location", async () => {
      const res = await post(envelope("/redirect", { method: "POST", body: '{"certPem":"…","keyPem":"…"}' }));
      return { ok: res.status === 502 && res.headers.get("x-proxy-error") === "providerRedirect" && !res.headers.get("location"), result: `${describe(res)}, location ${res.headers.get("location") ?? "none"}` };
    });
    await attack("HTML body, Set-Cookie, CORS and CSP headers", "served as inert text/plain, headers dropped", async () => {
      const res = await post(envelope("/html"), { origin: "https://console.example" });
      const leaked = ["set-cookie", "access-control-allow-credentials", "refresh", "link", "x-frame-options"].filter((h) => res.headers.get(h));
      const ok = res.headers.get("content-type") === "text/plain; charset=utf-8" && leaked.length === 0 && res.headers.get("content-security-policy")?.includes("sandbox") === true && res.headers.get("access-control-allow-origin") === "https://console.example";
      return { ok, result: `${res.status} ${res.headers.get("content-type")}, leaked: ${leaked.join(", ") || "none"}` };
    });
    await attack("slow-loris body (a byte every 100 ms)", "cut after twice the timeout", async () => {
      const started = Date.now();
      const res = await post(envelope("/trickle", { timeout: 500 }));
      const cut = await res.text().then(() => false, () => true);
      const ms = Date.now() - started;
      return { ok: cut && ms < 5_000, result: `${cut ? "cut" : "completed"} after ${ms} ms` };
    });
    await attack("endless body (64 MiB)", "cut at 32 MiB", async () => {
      const res = await post(envelope(`/flood?bytes=${64 << 20}`, { timeout: 20_000 }));
      let received = 0;
      const cut = await (async () => {
        const reader = res.body!.getReader();
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) return false;
          received += chunk.value.length;
        }
      })().catch(() => true);
      return { ok: cut && received <= 33 << 20, result: `${cut ? "cut" : "completed"} at ${(received / (1 << 20)).toFixed(1)} MiB` };
    });
    await attack("64 MiB WebSocket frame", "providerFrameTooLarge, no giant string", async () => {
      const client = await ProxyClient.connect(proxy.url);
      try {
        const before = process.memoryUsage().rss;
        client.send({ type: "websocket", url: `${hostile.hostUri}/lease/1/1/1/huge?bytes=${64 << 20}`, providerAddress: owner, auth, isBase64: true });
        await client.waitFor((c) => c.messages.some((m) => m.code === "providerFrameTooLarge"), 30_000, "frame refused");
        const grew = (process.memoryUsage().rss - before) / (1 << 20);
        return { ok: !client.messages.some((m) => typeof m.message === "string" && m.message.length > 2 << 20), result: `refused; process +${grew.toFixed(0)} MiB (the provider's 64 MiB frame included)` };
      } finally {
        client.close();
      }
    });
    await attack("certificate swap (TLS cert not the on-chain one)", "495 invalidCertificate", async () => {
      // The provider moves its registered host to a server presenting a certificate that is not on chain.
      const swapped = await startFakeProvider({ address: owner, hostname: "hostile.localhost", tokens: [token] });
      try {
        await updateHostUri(swapped.hostUri);
        const res = await post({ ...envelope("/status"), url: `${swapped.hostUri}/status` });
        return { ok: res.status === 495 && res.headers.get("x-proxy-error") === "invalidCertificate" && swapped.requests.length === 0, result: `${describe(res)}, provider saw ${swapped.requests.length} requests` };
      } finally {
        await updateHostUri(hostile.hostUri);
        await swapped.close();
      }
    });
    await attack("replayed token at another provider's host", "403 hostMismatch (host pinned to the chain)", async () => {
      const res = await post({ ...envelope("/status"), url: "https://provider-1.localhost:8443/status" });
      return { ok: res.status === 403 && res.headers.get("x-proxy-error") === "hostMismatch", result: describe(res) };
    });

    // --- Hostile pages and clients ---
    await attack("cross-site form POST (urlencoded)", "403 originNotAllowed", async () => {
      const res = await post(`method=GET&url=${encodeURIComponent(`${hostile.hostUri}/status`)}`, { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" });
      return { ok: res.status === 403 && res.headers.get("x-proxy-error") === "originNotAllowed", result: describe(res) };
    });
    await attack("form POST without an Origin (urlencoded)", "415 unsupportedMediaType", async () => {
      const res = await post(`method=GET&url=${encodeURIComponent(`${hostile.hostUri}/status`)}`, { "content-type": "application/x-www-form-urlencoded" });
      return { ok: res.status === 415 && res.headers.get("x-proxy-error") === "unsupportedMediaType", result: describe(res) };
    });
    await attack("cross-site POST as text/plain JSON", "403 originNotAllowed", async () => {
      const res = await post(JSON.stringify(envelope("/status")), { "content-type": "text/plain", origin: "https://evil.example" });
      return { ok: res.status === 403 && res.headers.get("x-proxy-error") === "originNotAllowed", result: describe(res) };
    });
    await attack("JSON POST from a disallowed origin", "403 originNotAllowed", async () => {
      const res = await post(envelope("/status"), { origin: "https://evil.example" });
      return { ok: res.status === 403 && res.headers.get("x-proxy-error") === "originNotAllowed", result: describe(res) };
    });
    await attack("oversized body (3 MiB manifest)", "413 payloadTooLarge", async () => {
      const res = await post(envelope("/deployment/1/manifest", { method: "PUT", body: "x".repeat(3 << 20) }));
      return { ok: res.status === 413, result: describe(res) };
    });
    for (const [label, url] of [
      ["SSRF: IPv4 literal", "https://127.0.0.1:8443/"],
      ["SSRF: decimal IPv4", "https://2130706433:8443/"],
      ["SSRF: hex IPv4", "https://0x7f000001:8443/"],
      ["SSRF: IPv6 loopback", "https://[::1]:8443/"],
      ["SSRF: IPv4-mapped IPv6", "https://[::ffff:7f00:1]:8443/"],
      ["SSRF: NAT64", "https://[64:ff9b::a9fe:a9fe]/"],
      ["SSRF: cloud metadata", "https://169.254.169.254/latest/meta-data"],
      ["SSRF: .local with a trailing dot", "https://router.local./"],
      ["SSRF: plain http", "http://hostile.localhost/"],
      ["SSRF: credentials in the URL", "https://user:pass@hostile.localhost/"],
    ] as const) {
      await attack(label, "refused (4xx), provider not contacted", async () => {
        const res = await post({ ...envelope("/"), url });
        return { ok: res.status >= 400 && res.status < 500 && Boolean(res.headers.get("x-proxy-error")), result: describe(res) };
      });
    }
    await attack("SSRF: registered host on loopback, public network", "403 privateNetwork", async () => {
      const res = await post({ ...envelope("/status"), network: "mainnet" });
      return { ok: res.status === 403 && res.headers.get("x-proxy-error") === "privateNetwork", result: describe(res) };
    });
    await attack("flood: 200 requests at once from one client", "429 beyond the rate and in-flight caps", async () => {
      const results = await Promise.all(Array.from({ length: 200 }, () => post(envelope("/status")).then((r) => r.status)));
      const limited = results.filter((s) => s === 429).length;
      return { ok: limited > 0, result: `${limited} of 200 refused with 429` };
    });
    await new Promise((r) => setTimeout(r, 2_500));
    await attack("the proxy still answers after all of the above", "200 from the provider", async () => {
      const res = await post(envelope("/status"));
      return { ok: res.status === 200, result: describe(res) };
    });
    await attack("nothing secret in the proxy's log", "no JWT, no key, no certificate", async () => {
      const text = logged.join("\n");
      const leaks = [token.split(".")[1]!, "PRIVATE KEY", "BEGIN CERTIFICATE"].filter((s) => text.includes(s));
      return { ok: leaks.length === 0, result: `${logged.length} log lines, leaks: ${leaks.length ? leaks.join(", ") : "none"}` };
    });
  } finally {
    for (const stop of stops.reverse()) await stop();
    await rm(dataDir, { recursive: true, force: true });
  }

  const width = (k: keyof Row) => Math.min(60, Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const [a, e, r] = [width("attack"), width("expected"), width("result")];
  const line = (x: string, y: string, z: string, s: string) => `| ${x.padEnd(a)} | ${y.padEnd(e)} | ${z.padEnd(r)} | ${s} |`;
  console.log(line("attack", "expected refusal", "result", "  "));
  console.log(`|${"-".repeat(a + 2)}|${"-".repeat(e + 2)}|${"-".repeat(r + 2)}|----|`);
  for (const row of rows) console.log(line(row.attack, row.expected, row.result, row.ok ? "ok" : "NO"));
  const failed = rows.filter((row) => !row.ok).length;
  console.log(`${rows.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
