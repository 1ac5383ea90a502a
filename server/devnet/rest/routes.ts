/**
 * The grpc-gateway route table, derived from chain-sdk's generated service metadata: each
 * query/service descriptor in the package's ESM bundle lists its methods with `httpPath`,
 * `httpMethod` and the request/response codecs. Nothing here is hand-written per route.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { ProtoCodec } from "../../shared/chain-sdk-codecs.ts";

export interface RouteMethod {
  /** "cosmos.bank.v1beta1.Query" */
  service: string;
  /** "AllBalances" */
  name: string;
  /** "/cosmos.bank.v1beta1.Query/AllBalances" — the ABCI/gRPC path. */
  grpcPath: string;
  httpMethod: "GET" | "POST";
  /** "/cosmos/bank/v1beta1/balances/{address}" */
  httpPath: string;
  input: ProtoCodec;
  output: ProtoCodec;
}

type Segment = { literal: string } | { variable: string; rest: boolean };

export interface CompiledRoute extends RouteMethod {
  segments: Segment[];
  literalCount: number;
}

interface ServiceDesc {
  typeName: string;
  methods: Record<string, { name: string; httpPath?: string; httpMethod?: string; input: ProtoCodec; output: ProtoCodec }>;
}

function isServiceDesc(v: unknown): v is ServiceDesc {
  return typeof v === "object" && v !== null && typeof (v as ServiceDesc).typeName === "string" && typeof (v as ServiceDesc).methods === "object";
}

function chainSdkEsmDir(): string {
  const require = createRequire(import.meta.url);
  const cjsEntry = require.resolve("@akashnetwork/chain-sdk");
  return path.join(path.dirname(cjsEntry), "..", "esm");
}

export function compilePath(httpPath: string): { segments: Segment[]; literalCount: number } {
  const segments: Segment[] = [];
  let literalCount = 0;
  for (const part of httpPath.split("/").filter(Boolean)) {
    const m = /^\{([a-zA-Z0-9_.]+)(=\*\*)?\}$/.exec(part);
    if (m) segments.push({ variable: m[1]!, rest: Boolean(m[2]) });
    else {
      segments.push({ literal: part });
      literalCount++;
    }
  }
  return { segments, literalCount };
}

let loaded: Promise<CompiledRoute[]> | undefined;

/** Loads every gateway route chain-sdk knows about (cached). */
export function loadRoutes(): Promise<CompiledRoute[]> {
  loaded ??= (async (): Promise<CompiledRoute[]> => {
    const dir = chainSdkEsmDir();
    const files = fs.readdirSync(dir).filter((f) => /^(query|service)_akash-[A-Z0-9]+\.js$/.test(f));
    const routes: CompiledRoute[] = [];
    const seen = new Set<string>();
    for (const file of files) {
      const full = path.join(dir, file);
      if (!fs.readFileSync(full, "utf8").includes("httpPath")) continue;
      const mod = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
      for (const desc of Object.values(mod)) {
        if (!isServiceDesc(desc)) continue;
        for (const method of Object.values(desc.methods)) {
          if (!method.httpPath || !method.input || !method.output) continue;
          const httpMethod = (method.httpMethod ?? "get").toUpperCase() === "POST" ? "POST" : "GET";
          const key = `${httpMethod} ${method.httpPath} ${desc.typeName}`;
          if (seen.has(key)) continue;
          seen.add(key);
          routes.push({
            service: desc.typeName,
            name: method.name,
            grpcPath: `/${desc.typeName}/${method.name}`,
            httpMethod,
            httpPath: method.httpPath,
            input: method.input,
            output: method.output,
            ...compilePath(method.httpPath),
          });
        }
      }
    }
    if (!routes.some((r) => r.grpcPath === "/akash.deployment.v1beta4.Query/Deployments")) {
      throw new Error(`could not derive the REST route table from @akashnetwork/chain-sdk in ${dir} (its dist layout changed?)`);
    }
    // More specific (more literal segments) first, like the gateway's static-before-variable matching.
    routes.sort((a, b) => b.literalCount - a.literalCount || a.segments.length - b.segments.length);
    return routes;
  })().catch((err: unknown) => {
    loaded = undefined;
    throw err;
  });
  return loaded;
}

export interface RouteMatch {
  route: CompiledRoute;
  /** Path variables by proto field name (already URL-decoded). */
  vars: Record<string, string>;
}

/** Matches a request path; returns every candidate in priority order. */
export function matchRoutes(routes: readonly CompiledRoute[], method: string, pathname: string): RouteMatch[] {
  let parts: string[];
  try {
    parts = pathname.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
  } catch {
    return [];
  }
  const out: RouteMatch[] = [];
  for (const route of routes) {
    if (route.httpMethod !== method) continue;
    const vars: Record<string, string> = {};
    let ok = true;
    let i = 0;
    for (const seg of route.segments) {
      if ("literal" in seg) {
        if (parts[i] !== seg.literal) {
          ok = false;
          break;
        }
        i++;
      } else if (seg.rest) {
        if (i >= parts.length) {
          ok = false;
          break;
        }
        vars[seg.variable] = parts.slice(i).join("/");
        i = parts.length;
      } else {
        if (i >= parts.length || parts[i] === "") {
          ok = false;
          break;
        }
        vars[seg.variable] = parts[i]!;
        i++;
      }
    }
    if (ok && i === parts.length) out.push({ route, vars });
  }
  return out;
}
