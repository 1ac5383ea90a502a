import { parseRuntimeConfig, type RuntimeConfig } from "@/lib/networks/networks";
import { getErrorMessage } from "@/lib/errors";

/**
 * Optional `/config.json` next to index.html overrides network endpoints (how `npm start` and the e2e
 * harness point the Devnet entry at a running stack). Missing file = built-in defaults.
 */
export async function loadRuntimeConfig(): Promise<{ config: RuntimeConfig | null; error: string | null }> {
  try {
    const response = await fetch("/config.json", { cache: "no-store", signal: AbortSignal.timeout(3000) });
    if (response.status === 404) return { config: null, error: null };
    if (!response.ok) return { config: null, error: `HTTP ${response.status}` };
    const type = response.headers.get("content-type") ?? "";
    if (!type.includes("json")) return { config: null, error: null };
    const parsed = parseRuntimeConfig(await response.json());
    return parsed.ok ? { config: parsed.value, error: null } : { config: null, error: parsed.error };
  } catch (error) {
    return { config: null, error: getErrorMessage(error) };
  }
}
