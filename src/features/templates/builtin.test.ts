import { describe, expect, it } from "vitest";
import { checkSdl } from "@/lib/sdl/validate";
import { BUILTIN_TEMPLATES } from "./builtin";
import { TEMPLATE_CATEGORIES } from "./model";

describe("built-in templates", () => {
  it("are at least 15 and cover every category", () => {
    expect(BUILTIN_TEMPLATES.length).toBeGreaterThanOrEqual(15);
    for (const c of TEMPLATE_CATEGORIES) expect(BUILTIN_TEMPLATES.some((t) => t.category === c), c).toBe(true);
  });

  it.each(BUILTIN_TEMPLATES.map((t) => [t.id, t] as const))("%s is a valid uact-priced SDL with a README", (_id, t) => {
    expect(TEMPLATE_CATEGORIES as readonly string[]).toContain(t.category);
    const r = checkSdl(t.sdl, { requireUact: true });
    expect(r.diagnostics).toEqual([]);
    expect(r.summary!.services.every((s) => s.price?.denom === "uact")).toBe(true);
    expect(t.readme.length).toBeGreaterThan(200);
    expect(t.readme.startsWith("# ")).toBe(true);
  });

  it("include GPU, persistent storage and an IP lease", () => {
    const summaries = BUILTIN_TEMPLATES.map((t) => checkSdl(t.sdl).summary!);
    expect(summaries.some((s) => s.usesGpu)).toBe(true);
    expect(summaries.some((s) => s.usesPersistentStorage)).toBe(true);
    expect(summaries.some((s) => s.usesIpLease)).toBe(true);
  });
});
