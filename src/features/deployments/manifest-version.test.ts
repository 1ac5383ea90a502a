import { describe, expect, it } from "vitest";
import { chainVersionHex } from "./manifest-version";

describe("chainVersionHex", () => {
  it("turns the gateway's base64 hash into the hex prepareManifest gives, and anything unreadable into nothing", () => {
    expect(chainVersionHex("3q2+7w==")).toBe("deadbeef");
    expect(chainVersionHex("")).toBe("");
    expect(chainVersionHex("not base64!")).toBe("");
  });
});
