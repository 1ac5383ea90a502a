import { Secp256k1HdWallet } from "@cosmjs/amino";
import { describe, expect, it } from "vitest";
import { DEFAULT_JWT_TTL_SECONDS, ProviderJwtCache, jwtExpiry, tokenScopes } from "./jwt";

const PROVIDER_A = "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5";
const PROVIDER_B = "akash15cpkukv6gft3kjg603vyr9zlgtm84zd9eltyxx";

function claims(token: string) {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { iat: number; exp: number; leases: unknown };
}

describe("provider JWTs", () => {
  it("groups reads into one token and keeps everything else exactly as asked", () => {
    expect(tokenScopes(["logs"])).toEqual(["status", "events", "logs"]);
    expect(tokenScopes(["status", "events"])).toEqual(["status", "events", "logs"]);
    expect(tokenScopes(["shell"])).toEqual(["shell"]);
    expect(tokenScopes(["status", "send-manifest", "send-manifest"])).toEqual(["send-manifest", "status"]);
  });

  it("names one provider, only the scopes asked for, lives minutes, and is cached per provider", async () => {
    const wallet = await Secp256k1HdWallet.generate(12, { prefix: "akash" });
    const address = (await wallet.getAccounts())[0]!.address;
    const cache = new ProviderJwtCache(() => wallet);
    const forA = await cache.token({ address, provider: PROVIDER_A, scope: ["shell"] });
    const c = claims(forA);
    expect(c.leases).toEqual({ access: "granular", permissions: [{ provider: PROVIDER_A, access: "scoped", scope: ["shell"] }] });
    expect(c.exp - c.iat).toBe(DEFAULT_JWT_TTL_SECONDS);
    expect(DEFAULT_JWT_TTL_SECONDS).toBeLessThanOrEqual(15 * 60);
    // Same provider and scopes: the cached token (no second wallet prompt). Another provider: its own token.
    expect(await cache.token({ address, provider: PROVIDER_A, scope: ["shell"] })).toBe(forA);
    const forB = await cache.token({ address, provider: PROVIDER_B, scope: ["shell"] });
    expect(forB).not.toBe(forA);
    expect(claims(forB).leases).toEqual({ access: "granular", permissions: [{ provider: PROVIDER_B, access: "scoped", scope: ["shell"] }] });
  });
});

describe("jwtExpiry", () => {
  const segment = (claims: object) => Buffer.from(JSON.stringify(claims)).toString("base64url");

  it("reads exp from an unpadded base64url payload, including url-safe characters and non-ASCII claims", () => {
    const payload = segment({ iss: "akash1?>~", name: "Zoë ✓!", exp: 1_900_000_000 });
    expect(payload).toMatch(/[-_]/);
    expect(payload.length % 4).not.toBe(0);
    expect(jwtExpiry(`e30.${payload}.sig`)).toBe(1_900_000_000);
  });

  it("is null for a token without a readable exp", () => {
    expect(jwtExpiry("not-a-jwt")).toBeNull();
    expect(jwtExpiry("e30.%%%.sig")).toBeNull();
    expect(jwtExpiry(`e30.${segment({ exp: "soon" })}.sig`)).toBeNull();
  });
});
