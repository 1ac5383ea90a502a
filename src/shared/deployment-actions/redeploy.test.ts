import { describe, expect, it } from "vitest";
import { bidsPath, excludedProviders, redeployPath } from "./redeploy";

const P = "akash1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu";

describe("redeploy links", () => {
  it("carry the SDL's deployment, its deposit, the exclusions and the review through the URL", () => {
    const path = redeployPath({ dseq: "42", deposit: "5.5", exclude: [P], review: true });
    const params = new URL(path, "http://x").searchParams;
    expect(path.startsWith("/deploy?")).toBe(true);
    expect(params.get("redeploy")).toBe("42");
    expect(params.get("deposit")).toBe("5.5");
    expect(params.get("review")).toBe("1");
    expect(excludedProviders(params)).toEqual([P]);
    expect(redeployPath({ dseq: "7" })).toBe("/deploy?redeploy=7");
  });

  it("ignores exclusions that are not provider addresses", () => {
    expect(excludedProviders(new URLSearchParams(`exclude=${P}&exclude=${P}&exclude=javascript:alert(1)&exclude=akash1short`))).toEqual([P]);
  });

  it("the new deployment's bids page keeps the exclusions", () => {
    expect(bidsPath("9")).toBe("/deployments/9/bids");
    expect(new URL(bidsPath("9", [P]), "http://x").searchParams.getAll("exclude")).toEqual([P]);
  });
});
