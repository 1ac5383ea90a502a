import { validationSDLSchema } from "@akashnetwork/chain-sdk/web";
import { describe, expect, it } from "vitest";
import { withSdlDocs } from "./schema-docs";

describe("withSdlDocs", () => {
  it("adds hover notes on a copy, wrapping $ref nodes, and finds every documented path", () => {
    const before = JSON.stringify(validationSDLSchema);
    const docs = withSdlDocs(validationSDLSchema) as { properties: Record<string, { description?: string; additionalProperties?: { properties: Record<string, { description?: string; allOf?: unknown[] }> } }> };
    expect(JSON.stringify(validationSDLSchema)).toBe(before);
    const svc = docs.properties.services!.additionalProperties!.properties;
    expect(svc.image!.description).toMatch(/Container image/);
    expect(svc.env!.allOf).toEqual([{ $ref: "#/definitions/stringArrayOrNull" }]);
    expect(svc.env!.description).toMatch(/NAME=value/);
    expect(docs.properties.deployment!.description).toMatch(/replicas/);
  });
});
