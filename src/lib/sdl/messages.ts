import { pointerToSegments } from "./document";

/** The subset of chain-sdk's ValidationError (AJV-shaped) that we read. */
export interface RawValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

/** docker-compose keys people paste into SDL services, with what to do instead. */
export const COMPOSE_KEY_ADVICE: Record<string, string> = {
  depends_on: "SDL has no start order; services reach each other by name (expose the port `to: - service: <name>`). Remove it.",
  "depends-on": "SDL has no start order; services reach each other by name (expose the port `to: - service: <name>`). Remove it.",
  restart: "Akash always restarts crashed containers. Remove it.",
  volumes: "Declare storage in the compute profile (`resources.storage` with a `name`) and mount it under `params.storage.<name>.mount`.",
  environment: "SDL calls this `env` and takes a list of `NAME=value` strings.",
  ports: "SDL uses `expose` (`port`, `as`, `to: - global: true`).",
  container_name: "The service's key is its name. Remove it.",
  build: "Akash runs published images only; build and push the image, then set `image`.",
  networks: "All services of a deployment share one network. Remove it.",
  healthcheck: "SDL has no health checks. Remove it.",
  entrypoint: "SDL calls this `command` (a list of strings).",
  cmd: "SDL calls this `command` (a list of strings), with extra arguments in `args`.",
  working_dir: "SDL cannot set the working directory; set it in the image or wrap the command (`sh -c 'cd /dir && …'`).",
  labels: "SDL has no container labels. Remove it.",
  hostname: "The service's key is its hostname inside the deployment. Remove it.",
  deploy: "Replicas are `count` under `deployment.<service>.<placement>`; resources go in `profiles.compute`.",
  links: "Services reach each other by name. Remove it.",
  user: "SDL cannot set the container user; set it in the image.",
  privileged: "Akash containers cannot run privileged. Remove it.",
  cap_add: "Akash containers cannot add capabilities. Remove it.",
  logging: "Logs are streamed by the provider. Remove it.",
  tty: "Remove it; use the lease shell instead.",
  stdin_open: "Remove it; use the lease shell instead.",
  image_pull_policy: "Providers pull the image when the lease starts. Remove it.",
};

const TYPE_WORDS: Record<string, string> = {
  object: "a map of keys (`key: value` lines)",
  array: "a list (lines starting with `- `)",
  string: "text",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
  null: "empty",
};

/** Describe a JSON pointer into an SDL in words, e.g. `service "web" › expose #1 › port`. */
export function describePointer(pointer: string): string {
  const s = pointerToSegments(pointer);
  if (s.length === 0) return "the top level of the SDL";
  const parts: string[] = [];
  let i = 0;
  if (s[0] === "services" && s.length >= 2) {
    parts.push(`service "${s[1]}"`);
    i = 2;
  } else if (s[0] === "profiles" && s[1] === "compute" && s.length >= 3) {
    parts.push(`compute profile "${s[2]}"`);
    i = 3;
  } else if (s[0] === "profiles" && s[1] === "placement" && s.length >= 3) {
    parts.push(`placement "${s[2]}"`);
    i = 3;
  } else if (s[0] === "deployment" && s.length >= 3) {
    parts.push(`deployment of "${s[1]}" on "${s[2]}"`);
    i = 3;
  } else if (s[0] === "endpoints" && s.length >= 2) {
    parts.push(`endpoint "${s[1]}"`);
    i = 2;
  }
  for (; i < s.length; i++) {
    const seg = s[i]!;
    parts.push(/^\d+$/.test(seg) ? `#${Number(seg) + 1}` : seg);
  }
  // Join list indexes to their list: "expose #1" rather than "expose › #1".
  return parts.reduce((acc, part) => (part.startsWith("#") && acc ? `${acc} ${part}` : acc ? `${acc} › ${part}` : part), "");
}

function lastSegment(pointer: string): string {
  const s = pointerToSegments(pointer);
  return s[s.length - 1] ?? "";
}

function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf("/");
  return i <= 0 ? "" : pointer.slice(0, i);
}

function schemaAt(schema: unknown, schemaPath: string): unknown {
  let node: unknown = schema;
  for (const key of schemaPath.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    if (node && typeof node === "object" && key in (node as Record<string, unknown>)) node = (node as Record<string, unknown>)[key];
    else return undefined;
  }
  return node;
}

/** Keys allowed where an additionalProperties error fired (from the schema next to the failing keyword). */
export function allowedKeysAt(schema: unknown, schemaPath: string): string[] {
  const dir = schemaPath.slice(0, schemaPath.lastIndexOf("/"));
  const props = schemaAt(schema, `${dir}/properties`);
  return props && typeof props === "object" ? Object.keys(props as object).sort() : [];
}

function quoteValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "empty";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "object") return Array.isArray(value) ? "a list" : "a map";
  return String(value);
}

const FIELD_HINTS: Record<string, string> = {
  size: 'Use a number with a unit, e.g. "512Mi" or "10Gi".',
  units: 'CPU takes a number of cores (0.5) or millicores ("500m"); GPU takes a whole number.',
  denom: 'Use "uact" (ACT, the USD-pegged compute token) or "uakt".',
  amount: "The price is per block per replica, e.g. 1000.",
  port: "Ports go from 1 to 65535.",
  as: "Ports go from 1 to 65535.",
  count: "Count is the number of replicas, at least 1.",
  version: 'Use version "2.0" (or "2.1").',
  mount: 'A mount is an absolute path such as "/data".',
};

export interface PlainMessage {
  code: string;
  message: string;
}

/**
 * Rewrite one chain-sdk/AJV error in plain words. `valueAt` returns the document's value at a
 * pointer so messages can say what was found.
 */
export function plainMessage(err: RawValidationError, schema: unknown, valueAt: (pointer: string) => unknown): PlainMessage {
  const where = describePointer(err.instancePath);
  const field = lastSegment(err.instancePath);
  const found = valueAt(err.instancePath);
  const hint = FIELD_HINTS[field] ? ` ${FIELD_HINTS[field]}` : "";
  switch (err.keyword) {
    case "additionalProperties": {
      const key = String(err.params.additionalProperty ?? "");
      // chain-sdk's own semantic check reuses this keyword for unused endpoints.
      if (err.schemaPath === "#/properties/endpoints") {
        return { code: "unused-endpoint", message: `Endpoint "${key}" is declared but no service uses it. Add \`ip: ${key}\` to a global expose, or remove the endpoint.` };
      }
      if (key === "attributes" && err.schemaPath.includes("/gpu/properties/attributes")) {
        return { code: "gpu-attributes-without-units", message: `GPU in ${describePointer(parentPointer(err.instancePath))} has attributes but 0 units. Set \`units\` to 1 or more, or remove the GPU.` };
      }
      const parentWhere = describePointer(err.instancePath);
      const advice = COMPOSE_KEY_ADVICE[key];
      if (advice && /^\/services\/[^/]+$/.test(err.instancePath)) {
        return { code: "compose-key", message: `"${key}" in ${parentWhere} is a docker-compose key, not SDL. ${advice}` };
      }
      const allowed = allowedKeysAt(schema, err.schemaPath);
      const allowedText = allowed.length ? ` Allowed here: ${allowed.join(", ")}.` : "";
      const near = allowed.find((a) => closeEnough(a, key));
      const didYouMean = near ? ` Did you mean "${near}"?` : "";
      return { code: "unknown-key", message: `"${key}" is not a valid key in ${parentWhere}.${didYouMean}${allowedText}` };
    }
    case "required": {
      const missing = String(err.params.missingProperty ?? "");
      if (err.schemaPath.startsWith("#/properties/") && err.message && !err.message.startsWith("Missing required field") && !err.message.startsWith("must have")) {
        // chain-sdk semantic errors already carry a readable sentence; keep it, minus JSON pointers.
        return { code: semanticCode(err), message: stripPointers(err.message) };
      }
      if (err.schemaPath.includes("/storage/") && missing === "mount") {
        return { code: "persistent-without-mount", message: stripPointers(err.message) };
      }
      return { code: "missing-key", message: `${capitalize(where)} is missing "${missing}".${FIELD_HINTS[missing] ? ` ${FIELD_HINTS[missing]}` : ""}` };
    }
    case "type": {
      const expected = String(err.params.type ?? "");
      const words = expected.split(",").map((t) => TYPE_WORDS[t] ?? t).join(" or ");
      if (found === null && expected === "object") {
        return { code: "empty-map", message: `"${field}" in ${describePointer(parentPointer(err.instancePath))} is empty. Remove the line, or add at least one \`key: value\` under it.` };
      }
      return { code: "wrong-type", message: `${capitalize(where)} should be ${words}, but it is ${quoteValue(found)}.${hint}` };
    }
    case "enum": {
      const allowed = Array.isArray(err.params.allowedValues) ? (err.params.allowedValues as unknown[]).map(String) : [];
      if (field === "version") return { code: "unknown-version", message: `SDL version ${quoteValue(found)} is not supported. Use "2.0" or "2.1".` };
      return { code: "not-allowed-value", message: `${capitalize(where)} is ${quoteValue(found)}; it must be one of: ${allowed.join(", ")}.` };
    }
    case "const":
      if (err.schemaPath.includes("exposeToWithIpEnforcesGlobal")) {
        return { code: "ip-without-global", message: `${capitalize(describePointer(parentPointer(err.instancePath)))} leases an IP, so it must also say \`global: true\`.` };
      }
      return { code: "not-allowed-value", message: `${capitalize(where)} must be ${String(err.params.allowedValue)}.` };
    case "pattern":
      if (field === "denom") return { code: "invalid-denom", message: `Price denom ${quoteValue(found)} in ${describePointer(parentPointer(err.instancePath))} is not accepted. Use "uact" (or "uakt", or this network's USDC ibc/… denom).` };
      return { code: "invalid-format", message: `${capitalize(where)} has an invalid value ${quoteValue(found)}.${hint || " Check the format in the SDL reference."}` };
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum": {
      const limit = err.params.limit;
      const rel = { minimum: "at least", exclusiveMinimum: "more than", maximum: "at most", exclusiveMaximum: "less than" }[err.keyword];
      return { code: "out-of-range", message: `${capitalize(where)} is ${quoteValue(found)}; it must be ${rel} ${String(limit)}.${hint}` };
    }
    case "minLength":
      if (found === "") return { code: "empty-value", message: `${capitalize(where)} is empty.${hint}` };
      return { code: "too-short", message: `${capitalize(where)} must be at least ${String(err.params.limit)} characters long.` };
    case "maxLength":
      return { code: "too-long", message: `${capitalize(where)} must be at most ${String(err.params.limit)} characters long.` };
    case "minItems":
      return { code: "too-few-items", message: `${capitalize(where)} needs at least ${String(err.params.limit)} item(s).` };
    case "maxItems":
      return { code: "too-many-items", message: `${capitalize(where)} allows at most ${String(err.params.limit)} item(s).` };
    case "minProperties":
      return { code: "empty-map", message: `${capitalize(where)} needs at least ${String(err.params.limit)} entr${err.params.limit === 1 ? "y" : "ies"}.` };
    case "uniqueItems":
      return { code: "duplicate", message: stripPointers(err.message) };
    case "not":
      if (err.schemaPath.includes("storageAttributesValidation")) {
        return { code: "ram-persistent", message: `Storage in ${describePointer(parentPointer(err.instancePath))} uses class "ram", which is memory-backed and cannot be persistent. Remove \`persistent: true\` or use class "beta2".` };
      }
      return { code: "invalid-value", message: `${capitalize(where)} has a value that is not allowed here (${quoteValue(found)}).${hint}` };
    default:
      return { code: `schema-${err.keyword}`, message: `${capitalize(where)}: ${stripPointers(err.message)}` };
  }
}

function semanticCode(err: RawValidationError): string {
  if (err.schemaPath.endsWith("/pricing")) return "missing-pricing";
  if (err.schemaPath === "#/properties/deployment") return "missing-deployment";
  if (err.schemaPath.endsWith("/placement")) return "missing-placement";
  if (err.schemaPath.endsWith("/compute")) return "missing-compute-profile";
  if (err.schemaPath === "#/properties/endpoints") return "unknown-endpoint";
  return "semantic";
}

/** Turn `at "/services/web/expose"`-style pointers inside a sentence into words. */
export function stripPointers(message: string): string {
  return message
    .replace(/(?:at|in) "?(\/[A-Za-z0-9_.~\-/]+)"?/g, (_m, p: string) => `in ${describePointer(p)}`)
    .replace(/\s+/g, " ")
    .trim();
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** Edit distance ≤ 2, for "did you mean" suggestions on typos such as "servcie". */
function closeEnough(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + cost);
    }
  }
  return dp[a.length]![b.length]! <= 2;
}
