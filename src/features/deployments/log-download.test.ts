import { describe, expect, it, vi } from "vitest";
import { ProviderProxyError, type SessionClose, type SessionFrame, type SessionState } from "@/lib/provider-proxy";
import { collectLogLines, logFileName, type LogSession } from "./log-download";

describe("collectLogLines", () => {
  it("collects text frames as [pod] lines until the provider closes, then closes the session", async () => {
    const { session, emit } = setup();
    const lines = collectLogLines(session);
    emit.state("open");
    emit.frame({ kind: "text", text: JSON.stringify({ name: "web-0", message: "started" }) });
    emit.frame({ kind: "binary", data: new Uint8Array([1]) });
    emit.frame({ kind: "text", text: "plain line" });
    emit.close({ code: 1000, reason: "", byProvider: true });
    await expect(lines).resolves.toEqual(["[web-0] started", "plain line"]);
    expect(session.close).toHaveBeenCalledOnce();
  });

  it("ends when the stream goes quiet (a provider that keeps the socket open after the backlog)", async () => {
    vi.useFakeTimers();
    try {
      const { session, emit } = setup();
      const lines = collectLogLines(session, 3000);
      emit.state("open");
      emit.frame({ kind: "text", text: "one" });
      await vi.advanceTimersByTimeAsync(2000);
      emit.frame({ kind: "text", text: "two" });
      await vi.advanceTimersByTimeAsync(3000);
      await expect(lines).resolves.toEqual(["one", "two"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects with the session's error when it fails", async () => {
    const { session, emit } = setup();
    const lines = collectLogLines(session);
    session.lastError = new ProviderProxyError("offline", "The provider is offline.");
    emit.state("failed");
    await expect(lines).rejects.toThrow("The provider is offline.");
    expect(session.close).toHaveBeenCalledOnce();
  });
});

describe("logFileName", () => {
  it("names the lease and the service", () => {
    expect(logFileName({ dseq: "12", gseq: 1, oseq: 2 }, "web")).toBe("deployment-12-1-2-web-logs.txt");
    expect(logFileName({ dseq: "12", gseq: 1, oseq: 2 }, "")).toBe("deployment-12-1-2-logs.txt");
  });
});

function setup() {
  const frames: Array<(f: SessionFrame) => void> = [];
  const closes: Array<(c: SessionClose) => void> = [];
  const states: Array<(s: SessionState) => void> = [];
  const session = {
    lastError: null as ProviderProxyError | null,
    onFrame: (l: (f: SessionFrame) => void) => (frames.push(l), () => undefined),
    onClose: (l: (c: SessionClose) => void) => (closes.push(l), () => undefined),
    onState: (l: (s: SessionState) => void) => (states.push(l), () => undefined),
    connect: vi.fn(),
    close: vi.fn(),
  } satisfies LogSession;
  const emit = {
    frame: (f: SessionFrame) => frames.forEach((l) => l(f)),
    close: (c: SessionClose) => closes.forEach((l) => l(c)),
    state: (s: SessionState) => states.forEach((l) => l(s)),
  };
  return { session, emit };
}
