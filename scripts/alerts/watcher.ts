/**
 * `npm run alerts`: evaluates the team's alert rules (src/lib/spend/alerts, the dashboard's code) as the chain moves
 * and posts what fires, repeats or resolves to webhooks. Dedup state lives in `stateFile` so a restart does not
 * repeat alerts; every evaluation and delivery is logged (JSON lines).
 */
import fs from "node:fs";
import path from "node:path";
import { emptyAlertState, evaluateRules, stepAlerts, type AlertEvent, type AlertState } from "../../src/lib/spend/alerts.ts";
import { cachedHeaderSource, restHeaderSource } from "../../src/lib/spend/header-source.ts";
import { loadTeamSpend } from "../../src/lib/spend/load.ts";
import { getErrorMessage } from "../../src/lib/errors.ts";
import { BlockFollower, type FollowMode } from "./block-follower.ts";
import type { AlertsConfig } from "./config.ts";
import { deliver, webhookBody, type DeliveryResult } from "./webhooks.ts";

interface PersistedState {
  version: 1;
  /** Leases closed at or before this height were history when the watch began. */
  watchedFromHeight: number;
  alerts: AlertState;
}

export type LogRecord = Record<string, unknown> & { event: string };

export interface WatcherOptions {
  config: AlertsConfig;
  log?: (record: LogRecord) => void;
  now?: () => number;
}

export class AlertWatcher {
  private readonly config: AlertsConfig;
  private readonly logSink: (record: LogRecord) => void;
  private readonly now: () => number;
  private readonly headers;
  private state: PersistedState | null = null;
  private follower: BlockFollower | null = null;
  private running: Promise<void> | null = null;
  private lastEvaluationMs = -Infinity;
  private pendingHeight: number | null = null;
  private stopped = false;

  constructor(options: WatcherOptions) {
    this.config = options.config;
    this.now = options.now ?? Date.now;
    this.headers = cachedHeaderSource(restHeaderSource(options.config.endpoints.restUrl));
    const logFile = options.config.logFile;
    this.logSink = (record) => {
      const line = JSON.stringify({ at: new Date(this.now()).toISOString(), ...record });
      options.log?.(record);
      if (!options.log) console.log(line);
      if (logFile) fs.appendFileSync(logFile, `${line}\n`);
    };
  }

  /** Evaluates once now, then on new blocks (at most every minIntervalMs). */
  async start(): Promise<void> {
    this.log({ event: "start", network: this.config.endpoints.name, restUrl: this.config.endpoints.restUrl, rpcUrl: this.config.endpoints.rpcUrl || null, addresses: this.config.addresses, webhooks: this.config.webhooks.length });
    await this.evaluate();
    this.follower = new BlockFollower({
      restUrl: this.config.endpoints.restUrl,
      rpcUrl: this.config.endpoints.rpcUrl,
      pollMs: this.config.pollMs,
      onHeight: (height) => this.onHeight(height),
      onMode: (mode: FollowMode, detail?: string) => this.log({ event: "follow", mode, detail: detail ?? null }),
    });
    this.follower.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.follower?.stop();
    await this.running;
    this.log({ event: "stop" });
  }

  private onHeight(height: number): void {
    if (this.stopped) return;
    this.pendingHeight = height;
    if (this.running || this.now() - this.lastEvaluationMs < this.config.minIntervalMs) return;
    this.running = this.evaluate().then(() => {
      this.running = null;
    });
  }

  /** One evaluation: read the chain, step the rules, deliver the events. Errors are logged, never thrown. */
  async evaluate(): Promise<AlertEvent[]> {
    this.lastEvaluationMs = this.now();
    const height = this.pendingHeight;
    this.pendingHeight = null;
    try {
      const spend = await loadTeamSpend({ restUrl: this.config.endpoints.restUrl, addresses: this.config.addresses, headerSource: this.headers, rangeDays: 1 });
      this.state ??= this.readState() ?? { version: 1, watchedFromHeight: spend.latest.height, alerts: emptyAlertState() };
      const conditions = evaluateRules(this.config.rules, {
        nowMs: this.now(),
        today: spend.today,
        runways: spend.runways,
        wallets: spend.wallets,
        burn: spend.burn,
        month: spend.month,
        leases: spend.leases,
        closedAfterHeight: this.state.watchedFromHeight,
      });
      const step = stepAlerts(this.state.alerts, conditions, this.now(), { remindAfterMs: this.config.remindAfterMs });
      this.state = { ...this.state, alerts: step.state };
      this.writeState();
      this.log({ event: "evaluated", height: spend.latest.height, seenHeight: height, conditions: conditions.map((c) => c.key), events: step.events.length });
      for (const event of step.events) await this.send(event);
      return step.events;
    } catch (error) {
      this.log({ event: "error", message: getErrorMessage(error) });
      return [];
    }
  }

  private async send(event: AlertEvent): Promise<void> {
    for (const hook of this.config.webhooks) {
      const result: DeliveryResult = await deliver(hook.url, webhookBody(hook.format, event, this.config.endpoints.name), { retries: this.config.retries, baseDelayMs: this.config.retryBaseMs });
      this.log({ event: "delivery", type: event.type, key: event.condition.key, webhook: redact(hook.url), format: hook.format, ...result });
    }
  }

  private readState(): PersistedState | null {
    const file = this.config.stateFile;
    if (!file || !fs.existsSync(file)) return null;
    try {
      const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as PersistedState;
      if (parsed?.version !== 1 || typeof parsed.watchedFromHeight !== "number" || typeof parsed.alerts?.entries !== "object") throw new Error("unknown format");
      return parsed;
    } catch (error) {
      this.log({ event: "state-ignored", file, message: getErrorMessage(error) });
      return null;
    }
  }

  private writeState(): void {
    const file = this.config.stateFile;
    if (!file || !this.state) return;
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    fs.renameSync(tmp, file);
  }

  private log(record: LogRecord): void {
    this.logSink(record);
  }
}

/** Webhook URLs carry their secret in the path (Slack, Discord): log only the origin. */
function redact(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return "…";
  }
}
