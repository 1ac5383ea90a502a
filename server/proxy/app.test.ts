import { afterEach, describe, expect, it } from "vitest";
import { listen } from "../shared/listen.ts";
import { createApp } from "./app.ts";
import { DEFAULT_CORS_ORIGINS, createProxyContainer, type ProxySettings } from "./container.ts";
import { stopProxy } from "./server.ts";
import { FakeRegistry } from "./testing/fake-provider.ts";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("provider proxy: container → createApp → listen", () => {
  it("the container applies the defaults: default network named 'default', local dev origins, a rate limiter", () => {
    const { container } = setup();
    expect(container.defaultNetwork).toBe("default");
    expect(container.networks.names()).toEqual(["default"]);
    expect(container.corsOrigins).toEqual(DEFAULT_CORS_ORIGINS);
    expect(container.limiter).toBeDefined();
    expect(container.clientLimits.options.maxRequestsPerClient).toBe(8);
  });

  it("the container takes more networks, a named default and no rate limit", () => {
    const { container } = setup({ defaultNetwork: "devnet", networks: { sandbox: { restUrl: "https://sandbox.invalid" } }, rateLimit: false });
    expect(container.networks.names().sort()).toEqual(["devnet", "sandbox"]);
    expect(container.limiter).toBeUndefined();
  });

  it("createApp returns a server that is not listening; listen() serves it on a free port", async () => {
    const { container } = setup({ defaultNetwork: "devnet" });
    const app = createApp(container);
    expect(app.listening).toBe(false);
    const { url } = await listen(app, "127.0.0.1", 0);
    cleanups.push(() => stopProxy(app, container));
    const res = await fetch(`${url}/status`);
    expect(await res.json()).toEqual({ status: "ok", service: "provider-proxy", allowLoopback: true, networks: ["devnet"], defaultNetwork: "devnet" });
  });

  function setup(overrides: Partial<ProxySettings> = {}) {
    const container = createProxyContainer({ restUrl: "http://chain.invalid", allowLoopback: true, registry: new FakeRegistry(), log: false, ...overrides });
    cleanups.push(() => container.dispose());
    return { container };
  }
});
