import { describe, expect, it } from "vitest";
import { loadRoutes } from "../rest/routes.ts";
import { akashModules } from "./index.ts";

// The mainnet module versions (reference §0) and the services the REST gateway serves.
const SERVICES = ["akash.deployment.v1beta4.Query", "akash.market.v1beta5.Query", "akash.escrow.v1.Query", "akash.cert.v1.Query", "akash.provider.v1beta4.Query", "akash.audit.v1.Query", "akash.bme.v1.Query", "akash.oracle.v1.Query", "akash.take.v1.Query"];

describe("akashModules()", () => {
  const modules = akashModules();

  it("registers each Msg under its codec's type URL, with the matching response codec and amino name", () => {
    const urls = modules.flatMap((m) => m.msgs.map((h) => h.typeUrl));
    expect(new Set(urls).size).toBe(urls.length);
    for (const m of modules) {
      for (const h of m.msgs) {
        expect(h.typeUrl).toBe(`/${h.type.$type}`);
        expect(h.responseType.$type).toBe(`${h.type.$type}Response`);
        const parts = h.typeUrl.slice(1).split(".");
        const module = parts[1];
        const name = parts[parts.length - 1];
        if (m.name === "bme") expect(h.aminoType).toBeUndefined();
        else expect(h.aminoType).toBe(`akash-sdk/x/${module}/${name}`);
      }
    }
    expect(urls).toEqual(
      expect.arrayContaining([
        "/akash.deployment.v1beta4.MsgCreateDeployment",
        "/akash.market.v1beta5.MsgCreateLease",
        "/akash.escrow.v1.MsgAccountDeposit",
        "/akash.cert.v1.MsgCreateCertificate",
        "/akash.provider.v1beta4.MsgCreateProvider",
        "/akash.audit.v1.MsgSignProviderAttributes",
        "/akash.bme.v1.MsgMintACT",
      ]),
    );
  });

  it("serves every gateway query of the mainnet module versions with chain-sdk's codecs", async () => {
    const routes = (await loadRoutes()).filter((r) => SERVICES.includes(r.service));
    const handlers = new Map(modules.flatMap((m) => m.queries.map((q) => [q.path, q] as const)));
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const h = handlers.get(r.grpcPath);
      expect(h, r.grpcPath).toBeDefined();
      expect(h!.request.$type).toBe(r.input.$type);
      expect(h!.response.$type).toBe(r.output.$type);
    }
    expect(handlers.size).toBe(new Set(routes.map((r) => r.grpcPath)).size);
  });

  it("exposes the keeper of each module with messages", () => {
    for (const m of modules) if (m.msgs.length > 0) expect(m.keeper, m.name).toBeDefined();
    expect(modules.map((m) => m.name).sort()).toEqual(["audit", "bme", "cert", "deployment", "escrow", "market", "oracle", "provider", "take"]);
  });
});
