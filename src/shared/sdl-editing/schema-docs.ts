/**
 * Hover documentation for the SDL schema. chain-sdk's schema describes only a few fields; these
 * plain-words notes are added (on a copy) before it is handed to monaco-yaml.
 */
const SVC = "/properties/services/additionalProperties/properties";
const RES = "/properties/profiles/properties/compute/additionalProperties/properties/resources/properties";
const PL = "/properties/profiles/properties/placement/additionalProperties/properties";
const EXPOSE = `${SVC}/expose/items/properties`;

const DOCS: Record<string, string> = {
  "/properties/services": "The containers to run, by name. A service's name is also its hostname inside the deployment.",
  [`${SVC}/image`]: "Container image to run, e.g. `nginx:1.27-alpine`. Pin a tag: `latest` makes redeploys unpredictable. Private registries need `credentials`.",
  [`${SVC}/command`]: "Replaces the image's ENTRYPOINT (a list of strings).",
  [`${SVC}/args`]: "Replaces the image's CMD, passed to `command` (a list of strings).",
  [`${SVC}/env`]: "Environment variables as a list of `NAME=value` strings.",
  [`${SVC}/expose`]: "Ports the service listens on, and who may reach them: `global: true` publishes to the internet (port 80 via the provider's HTTP ingress, other ports on a random external port); `service: <name>` allows another service of this deployment.",
  [`${SVC}/credentials`]: "Login for a private registry (`host`, `username`, `password`). Sent to the provider in the manifest only.",
  [`${SVC}/params`]: "Storage mounts (`storage.<volume>.mount`) and log/deployment read permissions.",
  [`${SVC}/params/properties/storage`]: "Where each volume of the compute profile is mounted. Persistent volumes need a mount path.",
  [`${EXPOSE}/port`]: "The port the container listens on (1–65535).",
  [`${EXPOSE}/as`]: "The port published to clients. `as: 80` on a global TCP port uses the provider's shared HTTP ingress (with a hostname).",
  [`${EXPOSE}/proto`]: "tcp (default) or udp.",
  [`${EXPOSE}/accept`]: "Extra hostnames the HTTP ingress accepts for this service (point a CNAME at the provider).",
  [`${EXPOSE}/to`]: "Who can connect: `- global: true` for the internet, `- service: <name>` for another service, `ip: <endpoint>` for a leased IP.",
  [`${EXPOSE}/http_options`]: "Ingress tuning for HTTP: body size, timeouts and retries.",
  "/properties/profiles": "`compute`: the resources of each profile. `placement`: where to run and the max price per profile.",
  [`${RES}/cpu`]: "CPU: `units` in cores (0.5) or millicores (\"500m\").",
  [`${RES}/memory`]: "Memory: `size` with a unit, e.g. 512Mi or 4Gi.",
  [`${RES}/storage`]: "Disk volumes: the first unnamed one is the container disk (lost on restart). Add `name`, `attributes: {persistent: true, class: beta2}` and a mount in `params.storage` to keep data.",
  [`${RES}/gpu/properties/units`]: "Number of GPUs per replica.",
  [`${PL}/attributes`]: "Provider attributes a bidder must have, e.g. `region: us-west`. Leave out to accept any provider.",
  [`${PL}/signedBy`]: "Only providers whose attributes are signed by these auditors (`anyOf` / `allOf` addresses).",
  [`${PL}/pricing`]: "Max price per block per replica for each profile: `{denom: uact, amount: 1000}`. 1000 uact/block ≈ 431 ACT ($431) a month. Providers bid at or below it.",
  "/properties/deployment": "Which profile each service runs with, in which placement, and how many replicas (`count`).",
  "/properties/deployment/additionalProperties/additionalProperties/properties/count": "Number of replicas. Each is priced separately.",
  "/properties/deployment/additionalProperties/additionalProperties/properties/profile": "A profile from `profiles.compute` (its price is `profiles.placement.<placement>.pricing.<profile>`).",
  "/properties/endpoints": "Leased IP endpoints: `<name>: {kind: ip}`; use them with `to: - global: true, ip: <name>`.",
};

function at(schema: Record<string, unknown>, pointer: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const key of pointer.split("/").slice(1)) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === "object" ? (node as Record<string, unknown>) : undefined;
}

/** A copy of the schema with hover notes added where it has none. */
export function withSdlDocs(schema: unknown): unknown {
  const copy = structuredClone(schema) as Record<string, unknown>;
  for (const [pointer, text] of Object.entries(DOCS)) {
    const node = at(copy, pointer);
    if (!node || node.description) continue;
    if (typeof node.$ref === "string") {
      // Siblings of $ref are ignored by draft-07 tools; wrap the reference instead.
      const ref = node.$ref;
      delete node.$ref;
      node.allOf = [{ $ref: ref }];
    }
    node.description = text;
    node.markdownDescription = text;
  }
  return copy;
}
