import { describe, expect, it } from "vitest";
import { LogBuffer, parseLogFrame } from "./log-buffer";

describe("LogBuffer", () => {
  it("caps memory by dropping the oldest lines in chunks", () => {
    const buffer = new LogBuffer(1000);
    for (let i = 0; i < 5000; i++) buffer.push("web-0", `line ${i}`);
    expect(buffer.size).toBeLessThanOrEqual(1000);
    expect(buffer.all().at(-1)?.message).toBe("line 4999");
    expect(buffer.dropped + buffer.size).toBe(5000);
  });

  it("splits multi-line frames and filters case-insensitively by message or pod", () => {
    const buffer = new LogBuffer();
    buffer.push("web-0", "GET / 200\nGET /health 200\n");
    buffer.push("db-0", "ready");
    expect(buffer.size).toBe(3);
    expect(buffer.filter("HEALTH").map((l) => l.message)).toEqual(["GET /health 200"]);
    expect(buffer.filter("db-").map((l) => l.message)).toEqual(["ready"]);
  });

  it("reads provider frames", () => {
    expect(parseLogFrame('{"name":"web-1","message":"hi"}')).toEqual({ pod: "web-1", message: "hi" });
    expect(parseLogFrame("raw text")).toEqual({ pod: "", message: "raw text" });
  });
});
