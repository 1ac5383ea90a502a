import { expect, test } from "vitest";
import { loadProviderSettings } from "./settings.ts";

test("provider settings: defaults, overrides and clear errors", () => {
  expect(loadProviderSettings({})).toEqual({ count: 5, basePort: 8443, adminPort: 8440, bidDelayMs: 500, withdrawIntervalMs: 60_000 });
  expect(loadProviderSettings({ DEVNET_PROVIDERS: "10", DEVNET_PROVIDER_BASE_PORT: "0" })).toMatchObject({ count: 10, basePort: 0 });
  expect(loadProviderSettings({ DEVNET_PROVIDERS: "0" })).toMatchObject({ count: 0 });
  expect(() => loadProviderSettings({ DEVNET_PROVIDERS: "11" })).toThrow('DEVNET_PROVIDERS must be an integer between 0 and 10, got "11"');
  expect(() => loadProviderSettings({ DEVNET_BID_DELAY_MS: "fast" })).toThrow(/DEVNET_BID_DELAY_MS/);
});
