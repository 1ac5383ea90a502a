import { describe, expect, test } from "vitest";
import { FRAME, SimulatedContainer, decodeFrame, decodeResize, encodeFrame, encodeResult } from "./shell.ts";
import type { ManifestService } from "./manifest.ts";

const service = (over: Partial<ManifestService> = {}): ManifestService => ({
  name: "web",
  image: "nginx:1.25",
  command: [],
  args: [],
  env: ["GREETING=hello", "PORT=8080"],
  count: 1,
  resources: { id: 1, cpuMillis: 500, memoryBytes: 1, storage: [], gpuUnits: 0 },
  expose: [],
  storageMounts: [],
  ...over,
});

const container = (over: Partial<ManifestService> = {}) =>
  new SimulatedContainer({ service: service(over), podName: "web-abc-xyz", providerEnv: { AKASH_DEPLOYMENT_SEQUENCE: "42" }, storageMounts: over.storageMounts ?? [] });

describe("shell framing", () => {
  test("codes and payloads", () => {
    expect([FRAME.stdout, FRAME.stderr, FRAME.result, FRAME.failure, FRAME.stdin, FRAME.resize]).toEqual([100, 101, 102, 103, 104, 105]);
    const f = encodeFrame(FRAME.stdout, "hi\n");
    expect([...f]).toEqual([100, 104, 105, 10]);
    expect(decodeFrame(f)).toEqual({ code: 100, data: Buffer.from("hi\n") });
    expect(JSON.parse(decodeFrame(encodeResult(3)).data.toString())).toEqual({ exit_code: 3 });
    expect(decodeResize(Buffer.from([0, 120, 0, 40]))).toEqual({ width: 120, height: 40 });
    expect(() => decodeFrame(new Uint8Array())).toThrow();
    expect(() => decodeResize(Buffer.from([1]))).toThrow();
  });
});

describe("simulated container shell", () => {
  test("env reflects the manifest and the provider's AKASH_* variables", () => {
    const c = container();
    const env = c.exec("env").stdout;
    expect(env).toContain("GREETING=hello\n");
    expect(env).toContain("AKASH_DEPLOYMENT_SEQUENCE=42\n");
    expect(env).toContain("HOSTNAME=web-abc-xyz\n");
    expect(c.exec("echo $GREETING world").stdout).toBe("hello world\n");
    expect(c.exec("printenv PORT").stdout).toBe("8080\n");
  });

  test("filesystem, cwd and image-specific files", () => {
    const c = container();
    expect(c.exec("pwd").stdout).toBe("/\n");
    expect(c.exec("cd /usr/share/nginx/html && pwd && ls").stdout).toBe("/usr/share/nginx/html\nindex.html\n");
    expect(c.exec("cat /etc/hostname").stdout).toBe("web-abc-xyz\n");
    const missing = c.exec("cat /nope");
    expect([missing.exitCode, missing.stderr]).toEqual([1, "cat: can't open '/nope': No such file or directory\n"]);
    expect(c.exec("hostname").stdout).toBe("web-abc-xyz\n");
    expect(c.exec("echo hi > /tmp/x; cat /tmp/x").stdout).toBe("hi\n");
    expect(c.exec("ls / | grep etc").stdout).toBe("etc\n");
  });

  test("ps shows the manifest's command as PID 1", () => {
    expect(container({ command: ["node", "index.js"], args: ["--port", "3000"] }).exec("ps").stdout).toContain("    1 root      0:00 node index.js --port 3000\n");
    expect(container().exec("ps").stdout).toContain("nginx -g daemon off;");
  });

  test("the console's default shell command becomes an interactive bash (or sh on alpine)", () => {
    const cmd = "command -v bash >/dev/null && exec bash || exec sh";
    expect(container().exec(cmd)).toMatchObject({ interactive: true, exitCode: 0 });
    expect(container({ image: "redis:7-alpine" }).exec(cmd)).toMatchObject({ interactive: true });
    expect(container({ image: "redis:7-alpine" }).exec("command -v bash").exitCode).toBe(1);
  });

  test("exit codes, && / || and unknown commands", () => {
    const c = container();
    expect(c.exec("exit 3")).toMatchObject({ exit: true, exitCode: 3 });
    expect(c.exec("false || echo fallback").stdout).toBe("fallback\n");
    expect(c.exec("false && echo no").stdout).toBe("");
    expect(c.exec("frobnicate")).toMatchObject({ exitCode: 127, stderr: "sh: frobnicate: not found\n" });
    expect(c.exec("echo $?").stdout).toBe("127\n");
    expect(c.exec("echo 'unterminated").exitCode).toBe(2);
  });

  test("storage mounts exist", () => {
    const c = container({ storageMounts: [{ name: "data", mount: "/var/lib/data", readOnly: false }] });
    expect(c.exec("ls /var/lib").stdout).toBe("data\n");
  });
});
