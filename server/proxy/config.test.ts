import { describe, expect, it } from "vitest";
import { loadProxyConfig } from "./config.ts";

describe("loadProxyConfig", () => {
  it("defaults to port 3040, loopback refused, dev origins", () => {
    const config = loadProxyConfig({}, []);
    expect(config).toMatchObject({ port: 3040, allowLoopback: false, host: "127.0.0.1" });
    expect(config.corsOrigins).toContain("http://localhost:5173");
  });

  it("reads PROXY_PORT, PROXY_CHAIN_REST, PROXY_ALLOW_LOOPBACK, --devnet and origins", () => {
    expect(loadProxyConfig({ PROXY_PORT: "4000", PROXY_CHAIN_REST: "http://127.0.0.1:2317", PROXY_CORS_ORIGINS: "*" }, ["--devnet"])).toMatchObject({
      port: 4000,
      restUrl: "http://127.0.0.1:2317",
      allowLoopback: true,
      corsOrigins: "*",
    });
    expect(loadProxyConfig({ PROXY_ALLOW_LOOPBACK: "true", PROXY_CORS_ORIGINS: "http://a:1, http://b:2" }, []).corsOrigins).toEqual(["http://a:1", "http://b:2"]);
  });

  it("serves the public networks beside the default one, or the ones named in PROXY_NETWORKS", () => {
    expect(loadProxyConfig({}, ["--devnet"])).toMatchObject({ defaultNetwork: "devnet", networks: { mainnet: { restUrl: "https://rpc.akt.dev/rest" }, sandbox: {} } });
    const mainnet = loadProxyConfig({ PROXY_CHAIN_REST: "https://api.example.com" }, []);
    expect(mainnet.defaultNetwork).toBe("mainnet");
    expect(Object.keys(mainnet.networks)).toEqual(["sandbox"]);
    expect(loadProxyConfig({ PROXY_NETWORKS: "testnet=https://rest.test.example" }, []).networks).toEqual({ testnet: { restUrl: "https://rest.test.example" } });
    expect(loadProxyConfig({ PROXY_NETWORKS: "none" }, []).networks).toEqual({});
    expect(() => loadProxyConfig({ PROXY_NETWORKS: "Bad Name=https://x" }, [])).toThrow(/PROXY_NETWORKS/);
    expect(() => loadProxyConfig({ PROXY_NETWORKS: "mainnet=https://x" }, [])).toThrow(/already the default network/);
  });

  it("lists every invalid variable", () => {
    expect(() => loadProxyConfig({ PROXY_PORT: "eighty", PROXY_CHAIN_REST: "nope" }, [])).toThrow(/PROXY_PORT[\s\S]*PROXY_CHAIN_REST/);
  });
});
