import { describe, expect, it, vi } from "vitest";
import { ProviderProxyError } from "@/lib/provider-proxy";
import { handoffKey, ManifestHandoffs } from "./manifest-handoff";

const lease = { owner: "akash1owner", dseq: "7", gseq: 1, oseq: 1, provider: "akash1p" };

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("manifest handoffs", () => {
  it("hands a started send to one taker, with the attempts made before and after it took it", async () => {
    const handoffs = new ManifestHandoffs();
    const sent = deferred();
    let report: (attempt: number, error: ProviderProxyError | null) => void = () => undefined;
    const send = vi.fn((onAttempt: typeof report) => {
      report = onAttempt;
      onAttempt(1, null);
      return sent.promise;
    });
    const key = handoffKey("devnet", lease);
    handoffs.start(key, send);
    handoffs.start(key, send);
    expect(send).toHaveBeenCalledTimes(1);

    const attempts: Array<[number, string | null]> = [];
    const followed = handoffs.take(key, (n, error) => attempts.push([n, error?.kind ?? null]));
    expect(followed).not.toBeNull();
    expect(handoffs.take(key)).toBeNull();
    report(2, new ProviderProxyError("notFound", "the provider does not know the lease yet"));
    sent.resolve();
    await followed;
    expect(attempts).toEqual([
      [1, null],
      [2, "notFound"],
    ]);
  });

  it("the taker gets the send's failure; a send nobody takes fails quietly", async () => {
    const handoffs = new ManifestHandoffs();
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      handoffs.start("a", () => Promise.reject(new ProviderProxyError("credentialInvalid", "refused")));
      handoffs.start("b", () => Promise.reject(new ProviderProxyError("credentialInvalid", "refused")));
      await expect(handoffs.take("a")).rejects.toMatchObject({ kind: "credentialInvalid" });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("a taker that stops following is released at once; the send goes on", async () => {
    const handoffs = new ManifestHandoffs();
    const sent = deferred();
    handoffs.start("k", () => sent.promise);
    const controller = new AbortController();
    const followed = handoffs.take("k", undefined, controller.signal)!;
    controller.abort();
    await expect(followed).rejects.toMatchObject({ name: "AbortError" });
    sent.resolve();
  });

  it("start settles when the send does and never rejects (the wallet waits on it before its refetch)", async () => {
    const handoffs = new ManifestHandoffs();
    const sent = deferred();
    let settled = false;
    const started = handoffs.start("k", () => sent.promise).then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    sent.reject(new ProviderProxyError("offline", "down"));
    await started;
    expect(settled).toBe(true);
    // A second start for the same lease follows the first send, it does not start another.
    await expect(handoffs.start("k", () => Promise.reject(new Error("sent twice")))).resolves.toBeUndefined();
  });
});
