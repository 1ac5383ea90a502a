import { describe, expect, it } from "vitest";
import { getErrorMessage } from "./errors";

describe("getErrorMessage", () => {
  it("reads an Error's message, or its name when the message is empty", () => {
    expect(getErrorMessage(new Error("boom"))).toBe("boom");
    expect(getErrorMessage(new TypeError(""))).toBe("TypeError");
    expect(getErrorMessage(new DOMException("took too long", "TimeoutError"))).toBe("took too long");
  });

  it("keeps a thrown string as is", () => {
    expect(getErrorMessage("Request rejected")).toBe("Request rejected");
  });

  it("reads the message of an error-like object (wallet extensions reject with plain objects)", () => {
    expect(getErrorMessage({ code: 4001, message: "User rejected the request." })).toBe("User rejected the request.");
  });

  it("shows other values as JSON rather than [object Object]", () => {
    expect(getErrorMessage({ code: 7 })).toBe('{"code":7}');
    expect(getErrorMessage(42)).toBe("42");
    expect(getErrorMessage(null)).toBe("null");
    expect(getErrorMessage(undefined)).toBe("undefined");
  });

  it("falls back to String() for values JSON cannot show", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(getErrorMessage(cyclic)).toBe("[object Object]");
    expect(getErrorMessage(10n)).toBe("10");
  });
});
