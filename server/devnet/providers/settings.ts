/** Provider settings from the environment (DEVNET_PROVIDER_* variables), for the devnet's entry points. */
export interface ProviderEnvSettings {
  count: number;
  basePort: number;
  adminPort: number;
  bidDelayMs: number;
  withdrawIntervalMs: number;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  return v;
}

/**
 * DEVNET_PROVIDERS (5, 0..10; 0 = no providers), DEVNET_PROVIDER_BASE_PORT (8443: provider N's gateway is base+2(N-1), its
 * ingress the port after; 0 = free ports), DEVNET_PROVIDER_ADMIN_PORT (8440), DEVNET_BID_DELAY_MS (500),
 * DEVNET_WITHDRAW_INTERVAL_MS (60000).
 */
export function loadProviderSettings(env: NodeJS.ProcessEnv = process.env): ProviderEnvSettings {
  return {
    count: num(env, "DEVNET_PROVIDERS", 5, 0, 10),
    basePort: num(env, "DEVNET_PROVIDER_BASE_PORT", 8443, 0, 65515),
    adminPort: num(env, "DEVNET_PROVIDER_ADMIN_PORT", 8440, 0, 65535),
    bidDelayMs: num(env, "DEVNET_BID_DELAY_MS", 500, 0, 600_000),
    withdrawIntervalMs: num(env, "DEVNET_WITHDRAW_INTERVAL_MS", 60_000, 1000),
  };
}
