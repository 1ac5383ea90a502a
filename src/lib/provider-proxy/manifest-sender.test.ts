import { describe, expect, it, vi } from "vitest";
import type { ProviderProxyClient } from "./client";
import { ProviderProxyError } from "./errors";
import { MANIFEST_RETRY, manifestRetryDelay, sendManifestWithRetry } from "./manifest-sender";
import type { ProviderAuth } from "./types";

const provider = { owner: "akash1provider", hostUri: "https://provider.example:8443" };

function clientFailing(failures: Array<ProviderProxyError | null>) {
  const calls: Array<{ manifestJson: string; auth: ProviderAuth }> = [];
  const client = {
    sendManifest: vi.fn(async (args: { manifestJson: string; auth: ProviderAuth }) => {
      calls.push(args);
      const failure = failures.shift();
      if (failure) throw failure;
    }),
  } as unknown as ProviderProxyClient;
  return { client, calls };
}

const auth = (renewals: boolean[]) => async ({ renew }: { renew: boolean }): Promise<ProviderAuth> => {
  renewals.push(renew);
  return { type: "jwt", token: renew ? "fresh" : "cached" };
};

describe("sendManifestWithRetry", () => {
  it("waits out a provider that has not seen the lease yet, with a growing delay", async () => {
    const { client, calls } = clientFailing([new ProviderProxyError("notFound", "no lease"), new ProviderProxyError("notFound", "no lease"), null]);
    const delays: number[] = [];
    await sendManifestWithRetry({ client, provider, dseq: "7", manifestJson: "[]", auth: auth([]), sleep: async (ms) => void delays.push(ms) });
    expect(calls).toHaveLength(3);
    expect(delays).toEqual([manifestRetryDelay(1), manifestRetryDelay(2)]);
    expect(delays[1]).toBeGreaterThan(delays[0]!);
  });

  it("renews an expired token and goes again at once", async () => {
    const renewals: boolean[] = [];
    const { client, calls } = clientFailing([new ProviderProxyError("tokenExpired", "expired"), null]);
    const sleep = vi.fn(async () => undefined);
    await sendManifestWithRetry({ client, provider, dseq: "7", manifestJson: "[]", auth: auth(renewals), sleep });
    expect(renewals).toEqual([false, true]);
    expect(calls[1]!.auth).toEqual({ type: "jwt", token: "fresh" });
    expect(sleep).not.toHaveBeenCalled();
  });

  it("stops at once on a rejected manifest and reports the provider's reason", async () => {
    const rejected = new ProviderProxyError("manifestRejected", "rejected", { providerMessage: "hash mismatch", status: 422 });
    const { client, calls } = clientFailing([rejected]);
    await expect(sendManifestWithRetry({ client, provider, dseq: "7", manifestJson: "[]", auth: auth([]), sleep: async () => undefined })).rejects.toBe(rejected);
    expect(calls).toHaveLength(1);
  });

  it("gives up after the last attempt with the last failure", async () => {
    const failures = Array.from({ length: 10 }, () => new ProviderProxyError("providerError", "busy", { status: 503 }));
    const { client, calls } = clientFailing(failures);
    await expect(sendManifestWithRetry({ client, provider, dseq: "7", manifestJson: "[]", auth: auth([]), sleep: async () => undefined })).rejects.toMatchObject({ kind: "providerError", status: 503 });
    expect(calls).toHaveLength(MANIFEST_RETRY.attempts);
  });

  it("reads the manifest before each attempt (an update between attempts is what gets sent)", async () => {
    const { client, calls } = clientFailing([new ProviderProxyError("offline", "down"), null]);
    let version = 0;
    await sendManifestWithRetry({ client, provider, dseq: "7", manifestJson: async () => `v${++version}`, auth: auth([]), sleep: async () => undefined });
    expect(calls.map((c) => c.manifestJson)).toEqual(["v1", "v2"]);
  });

  it("does not send once aborted", async () => {
    const { client, calls } = clientFailing([]);
    const controller = new AbortController();
    controller.abort();
    await expect(sendManifestWithRetry({ client, provider, dseq: "7", manifestJson: "[]", auth: auth([]), signal: controller.signal })).rejects.toThrow(/stopped/);
    expect(calls).toHaveLength(0);
  });
});
