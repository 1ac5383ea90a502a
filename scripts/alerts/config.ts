/** The alerts watcher's config file (JSON), validated as a whole with every bad field named. */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { alertRulesSchema, type AlertRules } from "../../src/lib/spend/alerts.ts";
import { importTeamJson, isAkashAddress } from "../../src/lib/spend/teams.ts";
import { resolveNetwork, type Endpoints } from "../spend/network.ts";

const httpUrl = z.string().refine((v) => {
  try {
    return ["http:", "https:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, "Must be an http:// or https:// URL");

export const webhookSchema = z.strictObject({
  url: httpUrl,
  /** slack: {text}; discord: {content}; json: the alert as an object. */
  format: z.enum(["slack", "discord", "json"]).default("json"),
});
export type WebhookTarget = z.output<typeof webhookSchema>;

const configSchema = z
  .strictObject({
    network: z.union([z.string().min(1), z.strictObject({ restUrl: httpUrl, rpcUrl: httpUrl.optional() })]).default("mainnet"),
    /** Addresses to watch, and/or a team file exported from the dashboard (relative to the config file). */
    addresses: z.array(z.string().refine(isAkashAddress, "Not an akash1… address")).default([]),
    team: z.string().optional(),
    /** The rules; without them, the team file's (the dashboard exports a team with its rules). */
    rules: alertRulesSchema.optional(),
    webhooks: z.array(webhookSchema).min(1, "Name at least one webhook"),
    /** Where fired alerts are remembered across restarts (dedup); relative to the config file. */
    stateFile: z.string().optional(),
    /** A log file (JSON lines) besides stdout. */
    logFile: z.string().optional(),
    /** Evaluate at most this often, whatever the block rate. */
    minIntervalSeconds: z.number().min(0).max(86_400).default(60),
    /** REST polling interval while the WebSocket is down. */
    pollSeconds: z.number().min(0.1).max(3600).default(15),
    /** Repeat a still-firing alert after this many hours (off by default). */
    remindAfterHours: z.number().positive().optional(),
    /** Attempts per webhook delivery (bounded) and the first backoff. */
    retries: z.number().int().min(1).max(10).default(5),
    retryBaseMs: z.number().int().min(1).max(60_000).default(1000),
  })
  .refine((c) => c.addresses.length > 0 || c.team, { message: "Give addresses or a team file", path: ["addresses"] })
  .refine((c) => c.rules || c.team, { message: "Give rules, or a team file that has them", path: ["rules"] });

export interface AlertsConfig {
  endpoints: Endpoints;
  addresses: string[];
  rules: AlertRules;
  webhooks: WebhookTarget[];
  stateFile?: string;
  logFile?: string;
  minIntervalMs: number;
  pollMs: number;
  remindAfterMs?: number;
  retries: number;
  retryBaseMs: number;
}

export function parseAlertsConfig(raw: unknown, baseDir: string): AlertsConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Bad alerts config: ${parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ")}`);
  const c = parsed.data;
  const endpoints = typeof c.network === "string" ? resolveNetwork(c.network) : { name: new URL(c.network.restUrl).host, restUrl: c.network.restUrl.replace(/\/+$/, ""), rpcUrl: c.network.rpcUrl?.replace(/\/+$/, "") ?? "" };
  const addresses = [...c.addresses];
  let rules = c.rules;
  if (c.team) {
    const team = importTeamJson(fs.readFileSync(path.resolve(baseDir, c.team), "utf8"));
    if (!team.ok) throw new Error(`Bad team file ${c.team}: ${team.error}`);
    addresses.push(...team.value.members.map((m) => m.address));
    rules ??= team.value.rules;
    if (!rules) throw new Error(`Bad alerts config: no rules: give "rules", or export the team ${c.team} again from the dashboard (a team file carries its rules since version 2)`);
    // As on the dashboard: the team's monthly budget is checked at 80 % and 100 % unless the rules set their own.
    const budget = team.value.budget;
    if (budget && !rules.monthlyBudget) rules = { ...rules, monthlyBudget: { denom: budget.denom, amount: budget.monthly } };
  }
  if (!rules) throw new Error("Bad alerts config: rules: Give rules, or a team file that has them");
  return {
    endpoints,
    addresses: [...new Set(addresses)],
    rules,
    webhooks: c.webhooks,
    stateFile: c.stateFile ? path.resolve(baseDir, c.stateFile) : undefined,
    logFile: c.logFile ? path.resolve(baseDir, c.logFile) : undefined,
    minIntervalMs: c.minIntervalSeconds * 1000,
    pollMs: c.pollSeconds * 1000,
    remindAfterMs: c.remindAfterHours ? c.remindAfterHours * 3_600_000 : undefined,
    retries: c.retries,
    retryBaseMs: c.retryBaseMs,
  };
}

export function readAlertsConfig(file: string): AlertsConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the alerts config ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return parseAlertsConfig(raw, path.dirname(path.resolve(file)));
}
