/**
 * `npm run bench:proxy`: the provider proxy's added latency (p50/p95, proxied vs direct GET
 * over keep-alive, with the rate limiter and request logging on) and its log-stream throughput
 * (lines/s a proxy WebSocket client receives).
 * Everything runs in-process on loopback against the fake provider used by the proxy tests.
 * Targets: < 5 ms added p50, >= 20,000 log lines/s.
 */
import { createWriteStream } from "node:fs";
import http from "node:http";
import https from "node:https";
import { WebSocket } from "ws";
import { startProxy } from "../../server/proxy/server.ts";
import { FakeRegistry, generateCert, startFakeProvider } from "../../server/proxy/testing/fake-provider.ts";
import { jwtFor, randomAddress } from "../../server/proxy/testing/helpers.ts";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const WARMUP = 200;
const LOG_LINES = Number(process.env.BENCH_LOG_LINES ?? 200_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeRequests(count: number, once: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await once();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

function drain(res: http.IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (res.statusCode !== 200) reject(new Error(`unexpected status ${res.statusCode}`));
    res.resume();
    res.once("end", resolve);
    res.once("error", reject);
  });
}

async function main(): Promise<void> {
  const nullSink = createWriteStream("/dev/null");
  let logged = 0;
  const tenant = randomAddress();
  const token = jwtFor(tenant);
  const tenantCert = await generateCert(tenant);
  const provider = await startFakeProvider({ address: randomAddress(), tokens: [token], clientCerts: [tenantCert.cert] });
  const registry = new FakeRegistry();
  registry.register(provider.address, provider.hostUri, provider.certPem);
  const proxy = await startProxy({
    host: "127.0.0.1",
    port: 0,
    restUrl: "http://chain.invalid",
    allowLoopback: true,
    registry,
    // The production path: the limiter runs on every request (with a rate this sequential bench never
    // reaches, so it measures the limiter's cost, not throttling), per-client caps on, and every request
    // logged as a JSON line (to a null sink: the cost is building and writing the line, not the terminal).
    rateLimit: { perSecond: 1e9, burst: 1e9 },
    log: (entry) => {
      nullSink.write(`${JSON.stringify(entry)}\n`);
      logged++;
    },
  });

  try {
    const fmt = (n: number) => `${n.toFixed(2)} ms`;
    for (const mode of ["jwt", "mtls"] as const) {
      // Direct: a keep-alive TLS client straight to the provider (what a server-side client would do).
      const directAgent = new https.Agent({
        keepAlive: true,
        rejectUnauthorized: false,
        maxSockets: 1,
        ...(mode === "mtls" ? { cert: tenantCert.cert, key: tenantCert.privateKey } : {}),
      });
      const directHeaders: Record<string, string> = mode === "jwt" ? { authorization: `Bearer ${token}` } : {};
      const direct = () =>
        new Promise<void>((resolve, reject) => {
          https.get({ host: "127.0.0.1", port: provider.port, path: "/echo", agent: directAgent, headers: directHeaders }, (res) => drain(res).then(resolve, reject)).on("error", reject);
        });

      // Proxied: the browser's path — POST / to the proxy with the auth in the envelope.
      const proxyAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const auth = mode === "jwt" ? { type: "jwt", token } : { type: "mtls", certPem: tenantCert.cert, keyPem: tenantCert.privateKey };
      const envelope = JSON.stringify({ method: "GET", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth });
      const proxied = () =>
        new Promise<void>((resolve, reject) => {
          const req = http.request(proxy.url, { method: "POST", agent: proxyAgent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(envelope) } }, (res) =>
            drain(res).then(resolve, reject),
          );
          req.on("error", reject);
          req.end(envelope);
        });

      await timeRequests(WARMUP, direct);
      await timeRequests(WARMUP, proxied);
      const d = await timeRequests(REQUESTS, direct);
      const p = await timeRequests(REQUESTS, proxied);
      console.log(`HTTP GET, ${REQUESTS} sequential requests each, keep-alive, ${mode === "jwt" ? "JWT" : "mTLS"} auth, rate limiter and request log on`);
      console.log(`  direct   p50 ${fmt(percentile(d, 50))}  p95 ${fmt(percentile(d, 95))}`);
      console.log(`  proxied  p50 ${fmt(percentile(p, 50))}  p95 ${fmt(percentile(p, 95))}`);
      console.log(`  added    p50 ${fmt(percentile(p, 50) - percentile(d, 50))}  p95 ${fmt(percentile(p, 95) - percentile(d, 95))}   (target: < 5 ms added p50)`);
      directAgent.destroy();
      proxyAgent.destroy();
    }

    const lines = await streamLogsThroughProxy(proxy.url, provider.hostUri, provider.address, token, LOG_LINES);
    console.log(`Log stream through the proxy WebSocket: ${lines.count} lines in ${(lines.ms / 1000).toFixed(2)} s = ${Math.round(lines.count / (lines.ms / 1000)).toLocaleString("en-US")} lines/s   (target: >= 20,000 lines/s)`);
    console.log(`Request log lines written: ${logged.toLocaleString("en-US")}`);
  } finally {
    await proxy.close();
    await provider.close();
    nullSink.end();
  }
}

function streamLogsThroughProxy(proxyUrl: string, hostUri: string, providerAddress: string, token: string, lines: number): Promise<{ count: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(proxyUrl.replace(/^http/, "ws"));
    let count = 0;
    let started = 0;
    const guard = setTimeout(() => {
      ws.terminate();
      reject(new Error(`log stream did not finish within 120 s (${count} lines)`));
    }, 120_000);
    ws.on("open", () => {
      started = performance.now();
      ws.send(JSON.stringify({ type: "websocket", url: `${hostUri}/lease/1/1/1/logs?follow=false&tail=${lines}`, providerAddress, auth: { type: "jwt", token } }));
    });
    ws.on("message", (data) => {
      const msg = JSON.parse(data.toString()) as { message?: string; closed?: boolean; error?: string };
      if (msg.error) {
        clearTimeout(guard);
        reject(new Error(msg.error));
      } else if (msg.closed) {
        clearTimeout(guard);
        const ms = performance.now() - started;
        ws.close();
        resolve({ count, ms });
      } else {
        JSON.parse(msg.message!);
        count++;
      }
    });
    ws.on("error", reject);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
