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

  it("lists every invalid variable", () => {
    expect(() => loadProxyConfig({ PROXY_PORT: "eighty", PROXY_CHAIN_REST: "nope" }, [])).toThrow(/PROXY_PORT[\s\S]*PROXY_CHAIN_REST/);
  });
});
