import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertEvent } from "../../src/lib/spend/alerts.ts";
import { deliver, webhookBody } from "./webhooks.ts";

const event: AlertEvent = { type: "fired", atMs: Date.UTC(2026, 2, 1), condition: { key: "spend-rate:uact", kind: "spend-rate", severity: "critical", title: "Spending 5 ACT per hour", message: "x".repeat(2500) } };

describe("webhook bodies", () => {
  it("Slack {text}, Discord {content} within 2,000 characters, JSON with the alert's fields", () => {
    expect(webhookBody("slack", event, "mainnet")).toEqual({ text: `🔔 [critical] Spending 5 ACT per hour\n${"x".repeat(2500)}` });
    const discord = webhookBody("discord", event, "mainnet") as { content: string };
    expect(discord.content).toHaveLength(2000);
    expect(webhookBody("json", event, "mainnet")).toEqual({ type: "fired", key: "spend-rate:uact", kind: "spend-rate", severity: "critical", title: "Spending 5 ACT per hour", message: "x".repeat(2500), subject: null, at: "2026-03-01T00:00:00.000Z", network: "mainnet" });
  });
});

describe("deliver", () => {
  let server: http.Server;
  let base: string;
  const answers: number[] = [];
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      req.resume();
      const status = answers.shift() ?? 200;
      res.writeHead(status, status === 429 ? { "retry-after": "0.01" } : {}).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("retries 5xx and 429 with backoff, then succeeds", async () => {
    answers.push(502, 429);
    hits = 0;
    const delays: number[] = [];
    const result = await deliver(base, {}, { retries: 5, baseDelayMs: 100, sleep: async (ms) => void delays.push(ms) });
    expect(result).toEqual({ ok: true, attempts: 3, status: 200 });
    // 100 ms after the 502, then the 429's Retry-After (10 ms).
    expect(delays).toEqual([100, 10]);
  });

  it("gives up after the bounded attempts, and at once on a 4xx", async () => {
    answers.push(500, 500, 500);
    hits = 0;
    expect(await deliver(base, {}, { retries: 3, baseDelayMs: 1 })).toMatchObject({ ok: false, attempts: 3, status: 500 });
    expect(hits).toBe(3);
    answers.push(404);
    hits = 0;
    expect(await deliver(base, {}, { retries: 3, baseDelayMs: 1 })).toMatchObject({ ok: false, attempts: 1, status: 404 });
    expect(hits).toBe(1);
  });
});
