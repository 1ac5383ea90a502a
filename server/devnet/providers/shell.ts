/**
 * The lease shell: the provider's binary WebSocket framing (stdout 100, stderr 101, result 102,
 * failure 103; client stdin 104, resize 105) and a small simulated container shell that reflects the
 * manifest (image, command, env) — enough for ls, cat, env, echo, pwd, hostname, ps, exit and friends.
 */
import type { ManifestService } from "./manifest.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export const FRAME = { stdout: 100, stderr: 101, result: 102, failure: 103, stdin: 104, resize: 105 } as const;

export const encodeFrame = (code: number, data: string | Uint8Array = new Uint8Array()): Buffer =>
  Buffer.concat([Buffer.from([code]), typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data)]);

export function decodeFrame(buf: Uint8Array): { code: number; data: Buffer } {
  if (buf.length === 0) throw new Error("empty frame");
  return { code: buf[0]!, data: Buffer.from(buf.subarray(1)) };
}

export const encodeResult = (exitCode: number, message?: string) => encodeFrame(FRAME.result, JSON.stringify(message ? { exit_code: exitCode, message } : { exit_code: exitCode }));

export function decodeResize(data: Uint8Array): { width: number; height: number } {
  if (data.length < 4) throw new Error("resize frame needs 4 bytes");
  return { width: (data[0]! << 8) | data[1]!, height: (data[2]! << 8) | data[3]! };
}

export interface ContainerContext {
  service: ManifestService;
  podName: string;
  /** Extra env the provider injects (AKASH_*), merged under the manifest env. */
  providerEnv: Record<string, string>;
  /** Sibling services in the group (for ps-like views / hosts). */
  storageMounts: { name: string; mount: string; readOnly: boolean }[];
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** `exit` was run: the session ends with exitCode. */
  exit?: boolean;
  /** An `exec sh|bash` — continue as an interactive shell. */
  interactive?: boolean;
}

type Node = { dir: true } | { dir: false; content: string };

const isAlpine = (image: string) => /alpine|busybox/.test(image);

export class SimulatedContainer {
  readonly env: Record<string, string>;
  readonly fs = new Map<string, Node>();
  cwd = "/";
  lastExit = 0;

  constructor(readonly ctx: ContainerContext) {
    const s = ctx.service;
    this.env = {
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      HOSTNAME: ctx.podName,
      HOME: "/root",
      ...ctx.providerEnv,
    };
    for (const kv of s.env) {
      const i = kv.indexOf("=");
      if (i > 0) this.env[kv.slice(0, i)] = kv.slice(i + 1);
    }
    for (const d of ["/", "/bin", "/dev", "/etc", "/home", "/proc", "/proc/1", "/root", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/var", "/var/log"]) this.fs.set(d, { dir: true });
    this.file("/dev/null", "");
    this.file("/etc/hostname", `${ctx.podName}\n`);
    this.file("/etc/hosts", `127.0.0.1\tlocalhost\n10.42.0.17\t${ctx.podName}\n`);
    this.file(
      "/etc/os-release",
      isAlpine(s.image)
        ? 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.1\nPRETTY_NAME="Alpine Linux v3.20"\n'
        : 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
    );
    this.file("/proc/1/cmdline", this.mainProcess().join(" ") + "\n");
    for (const b of ["sh", "ls", "cat", "echo", "env", "ps", "hostname", "pwd"]) this.file(`/bin/${b}`, "");
    if (!isAlpine(s.image)) this.file("/bin/bash", "");
    const family = s.image.toLowerCase();
    if (family.includes("nginx")) {
      for (const d of ["/etc/nginx", "/etc/nginx/conf.d", "/usr/share", "/usr/share/nginx", "/usr/share/nginx/html"]) this.fs.set(d, { dir: true });
      this.file("/etc/nginx/nginx.conf", "user  nginx;\nworker_processes  auto;\nerror_log  /var/log/nginx/error.log notice;\nevents {\n    worker_connections  1024;\n}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n");
      this.file("/etc/nginx/conf.d/default.conf", "server {\n    listen       80;\n    server_name  localhost;\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html;\n    }\n}\n");
      this.file("/usr/share/nginx/html/index.html", "<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n");
    } else if (/node|next|express/.test(family)) {
      this.fs.set("/app", { dir: true });
      this.file("/app/package.json", '{\n  "name": "app",\n  "version": "1.0.0",\n  "scripts": { "start": "node server.js" }\n}\n');
      this.file("/app/server.js", "const http = require('node:http');\nhttp.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 3000);\n");
      this.cwd = "/app";
    }
    for (const m of ctx.storageMounts) if (m.mount) this.mkdirp(m.mount);
  }

  private file(path: string, content: string) {
    this.mkdirp(parent(path));
    this.fs.set(path, { dir: false, content });
  }

  private mkdirp(path: string) {
    const parts = path.split("/").filter(Boolean);
    let cur = "";
    this.fs.set("/", { dir: true });
    for (const p of parts) {
      cur += "/" + p;
      if (!this.fs.has(cur)) this.fs.set(cur, { dir: true });
    }
  }

  /** PID 1's argv: the manifest's command+args, else the image's usual entrypoint. */
  mainProcess(): string[] {
    const s = this.ctx.service;
    if (s.command.length) return [...s.command, ...s.args];
    const img = s.image.toLowerCase();
    const base = img.includes("nginx")
      ? ["nginx", "-g", "daemon off;"]
      : img.includes("postgres")
        ? ["postgres"]
        : img.includes("redis")
          ? ["redis-server"]
          : /node|next|express/.test(img)
            ? ["node", "server.js"]
            : img.includes("python")
              ? ["python3", "app.py"]
              : [s.image.split("/").pop()?.split(":")[0] ?? "app"];
    return [...base, ...s.args];
  }

  resolve(p: string): string {
    const abs = p.startsWith("/") ? p : `${this.cwd === "/" ? "" : this.cwd}/${p}`;
    const out: string[] = [];
    for (const seg of abs.split("/")) {
      if (!seg || seg === ".") continue;
      if (seg === "..") out.pop();
      else out.push(seg);
    }
    return "/" + out.join("/");
  }

  prompt(): string {
    return `root@${this.ctx.podName}:${this.cwd}# `;
  }

  private expand(word: string): string {
    return word.replace(/\$(\?|\{(\w+)\}|(\w+))/g, (_m, q, a, b) => (q === "?" ? String(this.lastExit) : (this.env[(a ?? b) as string] ?? "")));
  }

  /** Run a shell command line: `;`, `&&`, `||`, simple pipes, `> file` and /dev/null redirects. */
  exec(line: string): ExecResult {
    let stdout = "";
    let stderr = "";
    let exitCode = this.lastExit;
    let tokens: Token[];
    try {
      tokens = tokenize(line);
    } catch (e) {
      this.lastExit = 2;
      return { stdout: "", stderr: `sh: syntax error: ${getErrorMessage(e)}\n`, exitCode: 2 };
    }
    let i = 0;
    let skip = false;
    while (i < tokens.length) {
      let j = i;
      while (j < tokens.length && !(tokens[j]!.op && [";", "&&", "||"].includes(tokens[j]!.v))) j++;
      const segment = tokens.slice(i, j);
      const op = tokens[j]?.v;
      if (!skip && segment.length) {
        const r = this.pipeline(segment);
        stdout += r.stdout;
        stderr += r.stderr;
        exitCode = r.exitCode;
        this.lastExit = exitCode;
        if (r.exit || r.interactive) return { stdout, stderr, exitCode, exit: r.exit, interactive: r.interactive };
      }
      if (op === "&&" && exitCode !== 0) skip = true;
      else if (op === "||" && exitCode === 0) skip = true;
      else skip = false;
      i = j + 1;
    }
    return { stdout, stderr, exitCode };
  }

  private pipeline(tokens: Token[]): ExecResult {
    const stages: Token[][] = [[]];
    for (const t of tokens) {
      if (t.op && t.v === "|") stages.push([]);
      else stages[stages.length - 1]!.push(t);
    }
    let input = "";
    let res: ExecResult = { stdout: "", stderr: "", exitCode: 0 };
    let stderrAll = "";
    for (const st of stages) {
      const argv: string[] = [];
      let outFile: string | undefined;
      let errNull = false;
      let outNull = false;
      let errToOut = false;
      for (let k = 0; k < st.length; k++) {
        const t = st[k]!;
        if (t.op && (t.v === ">" || t.v === ">>" || t.v === "2>")) {
          const target = st[++k]?.v ?? "";
          if (t.v === "2>") errNull = target === "/dev/null";
          else if (target === "/dev/null") outNull = true;
          else outFile = target;
        } else if (t.op && t.v === "2>&1") errToOut = true;
        else argv.push(t.quoted === "'" ? t.v : this.expand(t.v));
      }
      res = argv.length ? this.command(argv, input) : { stdout: "", stderr: "", exitCode: 0 };
      if (errToOut) res = { ...res, stdout: res.stdout + res.stderr, stderr: "" };
      if (errNull) res = { ...res, stderr: "" };
      if (outFile) {
        const p = this.resolve(outFile);
        this.file(p, res.stdout);
        res = { ...res, stdout: "" };
      }
      if (outNull) res = { ...res, stdout: "" };
      stderrAll += res.stderr;
      input = res.stdout;
      if (res.exit || res.interactive) break;
    }
    return { ...res, stderr: stderrAll };
  }

  private command(argv: string[], input: string): ExecResult {
    const [cmd, ...args] = argv as [string, ...string[]];
    const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0 });
    const err = (stderr: string, exitCode = 1): ExecResult => ({ stdout: "", stderr, exitCode });
    const name = cmd.split("/").pop()!;
    switch (name) {
      case "exit":
        return { stdout: "", stderr: "", exitCode: args[0] !== undefined ? Number(args[0]) & 255 : this.lastExit, exit: true };
      case "exec":
        if (args[0] && ["sh", "bash", "/bin/sh", "/bin/bash"].includes(args[0])) return { stdout: "", stderr: "", exitCode: 0, interactive: true };
        return args.length ? this.command(args, input) : ok("");
      case "sh":
      case "bash":
        if (name === "bash" && isAlpine(this.ctx.service.image)) return err("sh: bash: not found\n", 127);
        if (args[0] === "-c" && args[1] !== undefined) return this.exec(args[1]);
        return { stdout: "", stderr: "", exitCode: 0, interactive: true };
      case "true":
      case ":":
        return ok("");
      case "false":
        return { stdout: "", stderr: "", exitCode: 1 };
      case "echo": {
        const n = args[0] === "-n";
        return ok(args.slice(n ? 1 : 0).join(" ") + (n ? "" : "\n"));
      }
      case "pwd":
        return ok(this.cwd + "\n");
      case "cd": {
        const p = this.resolve(args[0] ?? this.env.HOME ?? "/");
        const node = this.fs.get(p);
        if (!node) return err(`sh: cd: can't cd to ${args[0]}: No such file or directory\n`, 2);
        if (!node.dir) return err(`sh: cd: can't cd to ${args[0]}: Not a directory\n`, 2);
        this.cwd = p;
        return ok("");
      }
      case "hostname":
        return ok(this.ctx.podName + "\n");
      case "whoami":
        return ok("root\n");
      case "id":
        return ok("uid=0(root) gid=0(root) groups=0(root)\n");
      case "uname":
        return ok(args.includes("-a") ? `Linux ${this.ctx.podName} 6.8.0-akash #1 SMP x86_64 GNU/Linux\n` : "Linux\n");
      case "date":
        return ok(new Date().toUTCString() + "\n");
      case "sleep":
        return ok("");
      case "env":
      case "printenv":
        if (name === "printenv" && args[0]) return this.env[args[0]] !== undefined ? ok(this.env[args[0]] + "\n") : { stdout: "", stderr: "", exitCode: 1 };
        return ok(Object.entries(this.env).map(([k, v]) => `${k}=${v}\n`).join(""));
      case "ps": {
        const main = this.mainProcess().join(" ");
        return ok(`PID   USER     TIME  COMMAND\n    1 root      0:00 ${main}\n   29 root      0:00 sh\n   35 root      0:00 ps ${args.join(" ")}\n`.replace(/ \n/, "\n"));
      }
      case "command":
      case "which": {
        const target = args.find((a) => !a.startsWith("-"));
        if (!target) return err("", 1);
        if (["exit", "cd", "echo", "pwd", "exec", "command", "true", "false"].includes(target)) return ok(target + "\n");
        for (const dir of (this.env.PATH ?? "").split(":")) if (this.fs.get(`${dir}/${target}`)?.dir === false) return ok(`${dir}/${target}\n`);
        return { stdout: "", stderr: "", exitCode: 1 };
      }
      case "ls": {
        const long = args.some((a) => /^-\w*l/.test(a));
        const all = args.some((a) => /^-\w*a/.test(a));
        const paths = args.filter((a) => !a.startsWith("-"));
        let out = "";
        let code = 0;
        let errs = "";
        for (const p of paths.length ? paths : ["."]) {
          const abs = this.resolve(p);
          const node = this.fs.get(abs);
          if (!node) {
            errs += `ls: ${p}: No such file or directory\n`;
            code = 1;
            continue;
          }
          const names = node.dir ? this.children(abs) : [abs.split("/").pop()!];
          if (paths.length > 1) out += `${p}:\n`;
          const shown = (all ? [".", "..", ...names] : names.filter((n) => !n.startsWith(".")));
          if (long) {
            for (const n of shown) {
              const full = node.dir ? this.resolve(`${abs}/${n}`) : abs;
              const c = this.fs.get(full);
              const isDir = !c || c.dir;
              out += `${isDir ? "drwxr-xr-x" : "-rw-r--r--"}    1 root     root  ${String(isDir ? 4096 : (c as { content: string }).content.length).padStart(8)} Jan  1 00:00 ${n}\n`;
            }
          } else if (shown.length) out += shown.join("\n") + "\n";
        }
        return { stdout: out, stderr: errs, exitCode: code };
      }
      case "cat": {
        if (!args.length) return ok(input);
        let out = "";
        let errs = "";
        let code = 0;
        for (const p of args) {
          const node = this.fs.get(this.resolve(p));
          if (!node) {
            errs += `cat: can't open '${p}': No such file or directory\n`;
            code = 1;
          } else if (node.dir) {
            errs += `cat: read error: Is a directory\n`;
            code = 1;
          } else out += node.content;
        }
        return { stdout: out, stderr: errs, exitCode: code };
      }
      case "touch":
        for (const p of args) if (!this.fs.has(this.resolve(p))) this.file(this.resolve(p), "");
        return ok("");
      case "mkdir":
        for (const p of args.filter((a) => !a.startsWith("-"))) this.mkdirp(this.resolve(p));
        return ok("");
      case "head":
      case "tail": {
        const nArg = args.find((a) => /^-\d+$/.test(a));
        const n = nArg ? Number(nArg.slice(1)) : 10;
        const lines = input.split("\n").filter((l, i, a) => i < a.length - 1 || l !== "");
        const sel = name === "head" ? lines.slice(0, n) : lines.slice(-n);
        return ok(sel.length ? sel.join("\n") + "\n" : "");
      }
      case "grep": {
        const pat = args.find((a) => !a.startsWith("-")) ?? "";
        const lines = input.split("\n").filter((l) => l !== "" && l.includes(pat));
        return { stdout: lines.length ? lines.join("\n") + "\n" : "", stderr: "", exitCode: lines.length ? 0 : 1 };
      }
      case "wc":
        return ok(`${input.split("\n").length - (input.endsWith("\n") ? 1 : 0)}\n`);
      case "df":
        return ok("Filesystem     1K-blocks    Used Available Use% Mounted on\noverlay         10485760  524288   9961472   5% /\n");
      case "free":
        return ok("              total        used        free\nMem:         524288       65536      458752\n");
      case "uptime":
        return ok(` ${new Date().toISOString().slice(11, 19)} up 0 min,  load average: 0.02, 0.01, 0.00\n`);
      default:
        return err(`sh: ${cmd}: not found\n`, 127);
    }
  }

  private children(dir: string): string[] {
    const prefix = dir === "/" ? "/" : dir + "/";
    const out: string[] = [];
    for (const p of this.fs.keys()) {
      if (p === dir || !p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      if (rest && !rest.includes("/")) out.push(rest);
    }
    return out.sort();
  }
}

const parent = (p: string) => p.slice(0, p.lastIndexOf("/")) || "/";

interface Token {
  v: string;
  op?: boolean;
  quoted?: "'" | '"';
}

function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const rest = line.slice(i);
    const op = ["2>&1", "&&", "||", ">>", "2>", ";", "|", ">"].find((o) => rest.startsWith(o));
    if (op) {
      out.push({ v: op, op: true });
      i += op.length;
      continue;
    }
    let word = "";
    let quoted: Token["quoted"];
    while (i < line.length && !" \t\n\r;|&>".includes(line[i]!)) {
      const ch = line[i]!;
      if (ch === "'" || ch === '"') {
        const end = line.indexOf(ch, i + 1);
        if (end < 0) throw new Error("unterminated quote");
        word += line.slice(i + 1, end);
        quoted = quoted ?? ch;
        i = end + 1;
      } else if (ch === "\\" && i + 1 < line.length) {
        word += line[i + 1];
        i += 2;
      } else {
        word += ch;
        i++;
      }
    }
    if (word === "" && quoted === undefined && i < line.length) {
      // a lone '&' (background) — treat as separator
      out.push({ v: ";", op: true });
      i++;
      continue;
    }
    out.push({ v: word, quoted });
  }
  return out;
}
