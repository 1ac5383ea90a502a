/**
 * Debian's Chromium for the e2e tests and the benchmarks (`npx playwright install` cannot download a browser
 * here). One place for its path and flags, and a check that says how to install it instead of a stack trace.
 */
import { accessSync, constants } from "node:fs";
import { chromium, type Browser } from "@playwright/test";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless, no sandbox (root in CI), and quiet on the network: nothing but the page under test. */
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

/** Why Chromium cannot be used, with what to do about it; null when it can. */
export function chromiumProblem(path = CHROMIUM_PATH): string | null {
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return [
      `Chromium was not found at ${path}${process.env.CHROMIUM_PATH ? " (CHROMIUM_PATH)" : ""}.`,
      "Install Debian's Chromium:  apt-get update && apt-get install -y chromium",
      "or point CHROMIUM_PATH at a Chromium or Chrome binary:  CHROMIUM_PATH=/path/to/chromium npm run …",
    ].join("\n");
  }
}

/** Exits with the install hint when Chromium is missing; call it before any expensive set-up. */
export function requireChromium(what: string): void {
  const problem = chromiumProblem();
  if (!problem) return;
  console.error(`${what} needs Chromium.\n${problem}`);
  process.exit(2);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
