import { describe, expect, it } from "vitest";
import { getErrorMessage } from "./errors.ts";

describe("getErrorMessage (server)", () => {
  it("reads Errors, strings and error-like objects, and shows the rest as JSON", () => {
    expect(getErrorMessage(new Error("boom"))).toBe("boom");
    expect(getErrorMessage(new RangeError(""))).toBe("RangeError");
    expect(getErrorMessage("plain")).toBe("plain");
    expect(getErrorMessage({ message: "from an object" })).toBe("from an object");
    expect(getErrorMessage({ code: "ECONNRESET" })).toBe('{"code":"ECONNRESET"}');
    expect(getErrorMessage(undefined)).toBe("undefined");
  });
});
