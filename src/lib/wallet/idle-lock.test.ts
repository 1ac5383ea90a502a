import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { watchIdle } from "./idle-lock";

class FakeTarget extends EventTarget {}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("watchIdle", () => {
  it("locks after the timeout without activity, and activity restarts the clock", () => {
    const target = new FakeTarget();
    const onIdle = vi.fn();
    const stop = watchIdle(target, 1_000, onIdle);
    vi.advanceTimersByTime(900);
    target.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(900);
    target.dispatchEvent(new Event("pointerdown"));
    vi.advanceTimersByTime(900);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it("stops watching when told to", () => {
    const target = new FakeTarget();
    const onIdle = vi.fn();
    watchIdle(target, 1_000, onIdle)();
    vi.advanceTimersByTime(5_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it("reports activity at most once per interval (what a reload's idle check counts from)", () => {
    const target = new FakeTarget();
    const onActivity = vi.fn();
    const stop = watchIdle(target, 60_000, () => {}, { onActivity, activityEveryMs: 1_000 });
    target.dispatchEvent(new Event("keydown"));
    target.dispatchEvent(new Event("wheel"));
    expect(onActivity).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    target.dispatchEvent(new Event("pointerdown"));
    expect(onActivity).toHaveBeenCalledTimes(2);
    stop();
  });
});
