import { describe, expect, it } from "vitest";
import { decodeShellFrame, resizeFrame, shellQuery, stdinFrame } from "./shell-frames";

describe("shell frames", () => {
  it("encodes stdin and resize as the provider expects", () => {
    expect(Array.from(stdinFrame(new TextEncoder().encode("ls\r")))).toEqual([104, 108, 115, 13]);
    expect(Array.from(resizeFrame(300, 40))).toEqual([105, 1, 44, 0, 40]);
  });

  it("decodes output, result and failure", () => {
    expect(decodeShellFrame(Uint8Array.from([100, 104, 105]))).toEqual({ kind: "output", data: Uint8Array.from([104, 105]) });
    expect(decodeShellFrame(Uint8Array.from([102, ...new TextEncoder().encode('{"exit_code":3}')]))).toEqual({ kind: "result", exitCode: 3, message: "" });
    expect(decodeShellFrame(Uint8Array.from([103]))).toEqual({ kind: "failure" });
  });

  it("builds the required query parameters", () => {
    expect(shellQuery("web", ["sh", "-c", "echo hi"])).toBe("cmd0=sh&cmd1=-c&cmd2=echo+hi&tty=1&stdin=1&podIndex=0&service=web");
  });
});
