import { describe, expect, it } from "vitest";
import { applyNetworkOverrides, BUILTIN_NETWORKS, customNetworkSchema, parseRuntimeConfig } from "./networks";

describe("runtime config", () => {
  it("overrides any built-in entry's endpoints", () => {
    const parsed = parseRuntimeConfig({ networks: { devnet: { rpcUrl: "http://127.0.0.1:40001/", restUrl: "http://127.0.0.1:40002" }, mainnet: { restUrl: "https://rest.example.com" } } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const networks = applyNetworkOverrides(BUILTIN_NETWORKS, parsed.value);
    expect(networks.devnet.rpcUrl).toBe("http://127.0.0.1:40001");
    expect(networks.devnet.chainId).toBe("akash-devnet-1");
    expect(networks.mainnet.restUrl).toBe("https://rest.example.com");
    expect(networks.sandbox).toBe(BUILTIN_NETWORKS.sandbox);
  });
  it("reports bad config with the field path", () => {
    const parsed = parseRuntimeConfig({ networks: { devnet: { rpcUrl: "ftp://x" } } });
    expect(parsed).toMatchObject({ ok: false, error: expect.stringContaining("networks.devnet.rpcUrl") });
    expect(parseRuntimeConfig({ networks: { devnet: { unknownKey: 1 } } }).ok).toBe(false);
  });
});

describe("custom network input", () => {
  it("accepts http(s) URLs and trims trailing slashes", () => {
    const parsed = customNetworkSchema.parse({ rpcUrl: " https://rpc.example.com/ ", restUrl: "http://10.0.0.1:1317" });
    expect(parsed).toEqual({ rpcUrl: "https://rpc.example.com", restUrl: "http://10.0.0.1:1317", proxyUrl: "", chainId: "" });
  });
  it("rejects malformed URLs and chain ids with readable messages", () => {
    const result = customNetworkSchema.safeParse({ rpcUrl: "rpc.example.com", restUrl: "", chainId: "bad id!" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toContain("rpcUrl: Enter a full http:// or https:// URL");
    expect(messages).toContain("restUrl: Required");
    expect(messages.some((m) => m.startsWith("chainId:"))).toBe(true);
  });
});
