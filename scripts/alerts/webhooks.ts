/** Webhook delivery: Slack ({text}), Discord ({content}) or plain JSON, with bounded retries and backoff. */
import type { AlertEvent } from "../../src/lib/spend/alerts.ts";
import type { WebhookTarget } from "./config.ts";

const PREFIX: Record<AlertEvent["type"], string> = { fired: "🔔", reminder: "⏰", resolved: "✅" };

export function alertText(event: AlertEvent): string {
  const c = event.condition;
  const head = event.type === "resolved" ? `Resolved: ${c.title}` : `${c.severity === "critical" ? "[critical] " : ""}${c.title}`;
  return `${PREFIX[event.type]} ${head}\n${c.message}`;
}

export function webhookBody(format: WebhookTarget["format"], event: AlertEvent, network: string): unknown {
  const text = alertText(event);
  if (format === "slack") return { text };
  // Discord refuses content over 2,000 characters.
  if (format === "discord") return { content: text.length > 2000 ? `${text.slice(0, 1997)}...` : text };
  const c = event.condition;
  return { type: event.type, key: c.key, kind: c.kind, severity: c.severity, title: c.title, message: c.message, subject: c.subject ?? null, at: new Date(event.atMs).toISOString(), network };
}

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
}

export interface DeliveryOptions {
  retries: number;
  baseDelayMs: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** POSTs `body`; retries network errors, timeouts, 5xx and 429 (honouring a short Retry-After), never other 4xx. */
export async function deliver(url: string, body: unknown, options: DeliveryOptions): Promise<DeliveryResult> {
  const sleep = options.sleep ?? wait;
  const maxDelay = options.maxDelayMs ?? 60_000;
  let last: DeliveryResult = { ok: false, attempts: 0 };
  for (let attempt = 1; attempt <= options.retries; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      last = { ok: false, attempts: attempt, status: response.status, error: `HTTP ${response.status}` };
      if (response.status < 500 && response.status !== 429) return last;
      const header = Number(response.headers.get("retry-after"));
      if (Number.isFinite(header) && header > 0) retryAfterMs = header * 1000;
    } catch (error) {
      last = { ok: false, attempts: attempt, error: error instanceof Error ? error.message : String(error) };
    }
    if (attempt < options.retries) await sleep(Math.min(maxDelay, retryAfterMs ?? options.baseDelayMs * 2 ** (attempt - 1)));
  }
  return last;
}
