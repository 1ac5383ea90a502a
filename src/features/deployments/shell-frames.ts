/** The provider shell's binary framing (first byte = code). */
export const SHELL_FRAME = { stdout: 100, stderr: 101, result: 102, failure: 103, stdin: 104, resize: 105 } as const;

export function stdinFrame(bytes: Uint8Array): Uint8Array {
  const frame = new Uint8Array(bytes.length + 1);
  frame[0] = SHELL_FRAME.stdin;
  frame.set(bytes, 1);
  return frame;
}

/** `105` + uint16 BE width + uint16 BE height. */
export function resizeFrame(cols: number, rows: number): Uint8Array {
  const w = Math.max(0, Math.min(0xffff, Math.floor(cols)));
  const h = Math.max(0, Math.min(0xffff, Math.floor(rows)));
  return Uint8Array.from([SHELL_FRAME.resize, w >> 8, w & 0xff, h >> 8, h & 0xff]);
}

export type ShellOutput = { kind: "output"; data: Uint8Array } | { kind: "result"; exitCode: number | null; message: string } | { kind: "failure" } | { kind: "unknown" };

export function decodeShellFrame(frame: Uint8Array): ShellOutput {
  const code = frame[0];
  const data = frame.subarray(1);
  if (code === SHELL_FRAME.stdout || code === SHELL_FRAME.stderr) return { kind: "output", data };
  if (code === SHELL_FRAME.result) {
    try {
      const parsed = JSON.parse(new TextDecoder().decode(data)) as { exit_code?: number; message?: string };
      return { kind: "result", exitCode: typeof parsed.exit_code === "number" ? parsed.exit_code : null, message: parsed.message ?? "" };
    } catch {
      return { kind: "result", exitCode: null, message: "" };
    }
  }
  if (code === SHELL_FRAME.failure) return { kind: "failure" };
  return { kind: "unknown" };
}

/** Query for `/lease/…/shell`: every parameter the provider requires. */
export function shellQuery(service: string, command: string[], tty = true): string {
  const params = new URLSearchParams();
  command.forEach((part, i) => params.set(`cmd${i}`, part));
  params.set("tty", tty ? "1" : "0");
  params.set("stdin", "1");
  params.set("podIndex", "0");
  params.set("service", service);
  return params.toString();
}

/** bash when the image has it, else sh (as the Akash console does). */
export const DEFAULT_SHELL = ["sh", "-c", "command -v bash >/dev/null 2>&1 && exec bash || exec sh"];
