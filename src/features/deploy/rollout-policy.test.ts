import { describe, expect, it } from "vitest";
import { ProviderProxyError } from "@/lib/provider-proxy";
import { MissingCredentialError } from "@/shared/provider-session";
import { isCredentialError, rolloutError, ROLLOUT_ERROR_POLL_MS, ROLLOUT_POLL_MS, rolloutState, statusPollMs } from "./rollout-policy";

const ready = { services: { web: { name: "web", available: 1, total: 1, uris: [] } } };
const starting = { services: { web: { name: "web", available: 0, total: 1, uris: [] } } };

describe("rollout policy", () => {
  it("reads status once before the manifest, every second until ready, then stops", () => {
    expect(statusPollMs({ data: undefined, error: null }, false)).toBe(false);
    expect(statusPollMs({ data: null, error: null }, false)).toBe(false);
    expect(statusPollMs({ data: null, error: null }, true)).toBe(ROLLOUT_POLL_MS);
    expect(statusPollMs({ data: starting, error: null }, false)).toBe(ROLLOUT_POLL_MS);
    expect(statusPollMs({ data: ready, error: null }, true)).toBe(false);
  });

  it("slows down on failures once the manifest is in, and stops on a credential the user must fix", () => {
    const offline = new ProviderProxyError("offline", "The provider is offline");
    expect(statusPollMs({ data: starting, error: offline }, true)).toBe(ROLLOUT_ERROR_POLL_MS);
    expect(statusPollMs({ data: undefined, error: offline }, false)).toBe(false);
    const declined = new ProviderProxyError("credentialInvalid", "You declined to sign the provider access token.");
    expect(statusPollMs({ data: starting, error: declined }, true)).toBe(false);
    expect(statusPollMs({ data: starting, error: new MissingCredentialError("missing") }, true)).toBe(false);
  });

  it("classifies credential failures and explains a missing credential", () => {
    expect(isCredentialError(new ProviderProxyError("unauthorized", "no"))).toBe(true);
    expect(isCredentialError(new ProviderProxyError("tokenExpired", "renew"))).toBe(false);
    expect(isCredentialError(new Error("x"))).toBe(false);
    const missing = rolloutError(new MissingCredentialError("expired"));
    expect(missing.kind).toBe("credentialInvalid");
    expect(missing.message).toMatch(/expired/);
    expect(rolloutError(new Error("boom"))).toMatchObject({ kind: "providerError", message: "boom" });
  });

  it("says whether the rollout is still working and which failure to show", () => {
    const base = { provider: "p", leaseProvider: "p", ready: false, canSend: true, renewError: null, manifest: null, statusError: null };
    const offline = new ProviderProxyError("offline", "The provider is offline or unreachable");
    const rejected = new ProviderProxyError("manifestRejected", "manifest version validation failed");
    expect(rolloutState({ ...base, provider: undefined })).toEqual({ busy: true, error: null });
    expect(rolloutState({ ...base, provider: null }).error?.message).toMatch(/not registered on chain any more/);
    expect(rolloutState(base)).toEqual({ busy: true, error: null });
    expect(rolloutState({ ...base, manifest: { sending: offline } })).toEqual({ busy: true, error: offline });
    expect(rolloutState({ ...base, manifest: { failed: rejected } })).toEqual({ busy: false, error: rejected });
    expect(rolloutState({ ...base, statusError: { error: offline, final: false } })).toEqual({ busy: true, error: offline });
    expect(rolloutState({ ...base, statusError: { error: offline, final: true } })).toEqual({ busy: false, error: offline });
    expect(rolloutState({ ...base, canSend: false, manifest: { failed: rejected } })).toEqual({ busy: false, error: null });
    expect(rolloutState({ ...base, ready: true, statusError: { error: offline, final: false } })).toEqual({ busy: false, error: null });
  });
});
