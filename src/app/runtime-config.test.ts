import { afterEach, describe, expect, it, vi } from "vitest";
import { loadRuntimeConfig } from "./runtime-config";

function setup(response: Response | Error) {
  const fetchMock = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal("fetch", fetchMock);
  return { fetchMock };
}

describe("loadRuntimeConfig", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads endpoint overrides from /config.json", async () => {
    const { fetchMock } = setup(new Response(JSON.stringify({ networks: { devnet: { rpcUrl: "http://127.0.0.1:4000" } } }), { headers: { "content-type": "application/json" } }));
    const result = await loadRuntimeConfig();
    expect(fetchMock).toHaveBeenCalledWith("/config.json", expect.objectContaining({ cache: "no-store" }));
    expect(result).toEqual({ config: { networks: { devnet: { rpcUrl: "http://127.0.0.1:4000" } } }, error: null });
  });

  it("uses built-in defaults when there is no file (404 or an SPA fallback page)", async () => {
    setup(new Response("not found", { status: 404 }));
    expect(await loadRuntimeConfig()).toEqual({ config: null, error: null });
    setup(new Response("<!doctype html>", { headers: { "content-type": "text/html" } }));
    expect(await loadRuntimeConfig()).toEqual({ config: null, error: null });
  });

  it("reports an invalid file instead of failing the app", async () => {
    setup(new Response(JSON.stringify({ networks: { devnet: { rpcUrl: "nope" } } }), { headers: { "content-type": "application/json" } }));
    const result = await loadRuntimeConfig();
    expect(result.config).toBeNull();
    expect(result.error).toContain("networks.devnet.rpcUrl");
  });
});
