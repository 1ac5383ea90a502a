/**
 * `npm run sdl:check -- <files or folders> [--require-uact] [--akt-price <usd>] [--json] [--max-errors <n>]`
 *
 * Validates every SDL given (folders are searched for *.yaml / *.yml) with the same code as the
 * editor (src/lib/sdl), prints a verdict per file with the first errors and the estimated monthly
 * cost, and exits 1 when any SDL is invalid (2 on bad usage). Made for CI.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { checkSdl, type SdlCheckResult } from "../src/lib/sdl/validate";
import { estimateCost } from "../src/lib/pricing/estimate";
import { BUILTIN_NETWORKS } from "../src/lib/networks/networks";
import { microToAkt, microToUsd } from "../src/lib/pricing/denoms";
import { getErrorMessage } from "../src/lib/errors.ts";

export interface SdlCheckOptionsCli {
  paths: string[];
  requireUact: boolean;
  aktPriceUsd?: number;
  json: boolean;
  maxErrors: number;
}

export interface FileVerdict {
  file: string;
  valid: boolean;
  errors: { line: number; column: number; message: string }[];
  warnings: { line: number; column: number; message: string }[];
  /** Max price from the SDL, per month. */
  monthly?: { denom: string; amount: number; usd?: number; akt?: number };
}

const SKIP_DIRS = new Set(["node_modules", ".git", "dist"]);

export function collectSdlFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(p);
      } else if (/\.ya?ml$/i.test(name)) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, missing };
}

export function verdictFor(file: string, text: string, opts: Pick<SdlCheckOptionsCli, "requireUact" | "aktPriceUsd">): FileVerdict {
  let result: SdlCheckResult;
  try {
    result = checkSdl(text, { requireUact: opts.requireUact });
  } catch (e) {
    // The validator is not supposed to throw; if it ever does, the file still gets a verdict.
    return { file, valid: false, errors: [{ line: 1, column: 1, message: `Internal error while checking: ${getErrorMessage(e)}` }], warnings: [] };
  }
  const pick = (sev: string) => result.diagnostics.filter((d) => d.severity === sev).map((d) => ({ line: d.line, column: d.column, message: d.message }));
  const verdict: FileVerdict = { file, valid: result.valid, errors: pick("error"), warnings: pick("warning") };
  if (result.summary) {
    // Offline, so mainnet's nominal block time (the console measures each network's own).
    const cost = estimateCost(result.summary, BUILTIN_NETWORKS.mainnet.blockTimeMs / 1000);
    if (cost.denom) {
      const amount = cost.totalMax.perMonth;
      verdict.monthly = { denom: cost.denom, amount, usd: microToUsd(amount, cost.denom, opts.aktPriceUsd), akt: microToAkt(amount, cost.denom, opts.aktPriceUsd) };
    }
  }
  return verdict;
}

function formatMonthly(m: FileVerdict["monthly"]): string {
  if (!m) return "";
  const parts: string[] = [];
  if (m.usd !== undefined) parts.push(`$${m.usd.toFixed(2)}`);
  if (m.akt !== undefined) parts.push(`${m.akt.toFixed(2)} AKT`);
  if (!parts.length) parts.push(`${(m.amount / 1e6).toFixed(2)} ${m.denom.startsWith("u") ? m.denom.slice(1).toUpperCase() : m.denom}`);
  return ` — max ${parts.join(" / ")} per month`;
}

export function parseArgs(argv: string[]): SdlCheckOptionsCli | string {
  const opts: SdlCheckOptionsCli = { paths: [], requireUact: false, json: false, maxErrors: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--require-uact") opts.requireUact = true;
    else if (a === "--json") opts.json = true;
    else if (a === "--akt-price") opts.aktPriceUsd = Number(argv[++i]);
    else if (a === "--max-errors") opts.maxErrors = Number(argv[++i]);
    else if (a === "-h" || a === "--help") return "help";
    else if (a.startsWith("--")) return `unknown option ${a}`;
    else opts.paths.push(a);
  }
  if (!opts.paths.length) return "no files or folders given";
  if (opts.aktPriceUsd !== undefined && !(opts.aktPriceUsd > 0)) return "--akt-price needs a positive number (USD per AKT)";
  if (!(opts.maxErrors > 0)) return "--max-errors needs a positive number";
  return opts;
}

const USAGE = `Usage: npm run sdl:check -- <files or folders> [--require-uact] [--akt-price <usd>] [--max-errors <n>] [--json]
  --require-uact   treat uakt pricing as an error (Akash mainnet v2 and the devnet only accept uact)
  --akt-price      AKT price in USD, to show costs in both ACT/USD and AKT`;

export function runSdlCheck(argv: string[], out: (line: string) => void, cwd = process.cwd()): number {
  const opts = parseArgs(argv);
  if (typeof opts === "string") {
    out(opts === "help" ? USAGE : `sdl:check: ${opts}\n${USAGE}`);
    return opts === "help" ? 0 : 2;
  }
  const { files, missing } = collectSdlFiles(opts.paths.map((p) => resolve(cwd, p)));
  const verdicts: FileVerdict[] = files.map((f) => {
    let text: string;
    try {
      text = readFileSync(f, "utf8");
    } catch (e) {
      return { file: f, valid: false, errors: [{ line: 1, column: 1, message: `Cannot read file: ${getErrorMessage(e)}` }], warnings: [] };
    }
    return verdictFor(f, text, opts);
  });
  const invalid = verdicts.filter((v) => !v.valid).length;
  if (opts.json) {
    out(JSON.stringify({ files: verdicts.map((v) => ({ ...v, file: relative(cwd, v.file) })), missing, invalid }, null, 2));
  } else {
    for (const m of missing) out(`✖ ${m} — not found`);
    for (const v of verdicts) {
      const name = relative(cwd, v.file) || v.file;
      out(`${v.valid ? "✔" : "✖"} ${name} — ${v.valid ? "valid" : "invalid"}${formatMonthly(v.monthly)}`);
      for (const e of v.errors.slice(0, opts.maxErrors)) out(`    ${name}:${e.line}:${e.column} error: ${e.message}`);
      if (v.errors.length > opts.maxErrors) out(`    … and ${v.errors.length - opts.maxErrors} more error(s)`);
      for (const w of v.warnings.slice(0, opts.maxErrors)) out(`    ${name}:${w.line}:${w.column} warning: ${w.message}`);
    }
    out(`\n${verdicts.length} SDL file(s): ${verdicts.length - invalid} valid, ${invalid} invalid${missing.length ? `, ${missing.length} path(s) not found` : ""}.`);
  }
  if (!files.length && !missing.length) out("sdl:check: no .yaml/.yml files found");
  return invalid > 0 || missing.length > 0 || files.length === 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = runSdlCheck(process.argv.slice(2), (line) => console.log(line));
}
