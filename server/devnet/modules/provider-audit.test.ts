import { describe, expect, it } from "vitest";
import { QueryProviderResponse, QueryProvidersResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { QueryProvidersResponse as AuditProvidersResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { TestApp, errorOf, testAddress } from "./testing.ts";
import { auditor, provider, provider2, registerProvider } from "./fixtures.test-util.ts";

const CREATE = "/akash.provider.v1beta4.MsgCreateProvider";
const UPDATE = "/akash.provider.v1beta4.MsgUpdateProvider";
const DELETE = "/akash.provider.v1beta4.MsgDeleteProvider";
const SIGN = "/akash.audit.v1.MsgSignProviderAttributes";
const UNSIGN = "/akash.audit.v1.MsgDeleteProviderAttributes";
const PQ = "/akash.provider.v1beta4.Query/";
const AQ = "/akash.audit.v1.Query/";

const msg = (owner: string, hostUri = "https://provider.example.com:8443", attributes = [{ key: "region", value: "us-west" }]) => ({
  owner,
  hostUri,
  attributes,
  info: { email: "ops@example.com", website: "https://example.com" },
});

describe("x/provider", () => {
  it("creates, updates, lists and deletes providers with events", () => {
    const a = new TestApp();
    const created = a.deliver(CREATE, msg(provider), provider);
    expect(created.events.map((e) => e.type)).toEqual(["akash.provider.v1beta4.EventProviderCreated"]);
    expect(errorOf(() => a.deliver(CREATE, msg(provider)))).toMatchObject({ codespace: "provider", code: 4 });
    a.deliver(UPDATE, msg(provider, "https://new.example.com:8443", [{ key: "region", value: "eu" }]), provider);
    const one = a.query<QueryProviderResponse>(`${PQ}Provider`, { owner: provider });
    expect(one.provider).toMatchObject({ owner: provider, hostUri: "https://new.example.com:8443", attributes: [{ key: "region", value: "eu" }], info: { email: "ops@example.com" } });
    expect(a.queryJson(`${PQ}Provider`, { owner: provider })).toMatchObject({ provider: { host_uri: "https://new.example.com:8443" } });
    registerProvider(a, provider2);
    const page = a.query<QueryProvidersResponse>(`${PQ}Providers`, { pagination: { limit: 1, countTotal: true } });
    expect(page.providers).toHaveLength(1);
    expect(page.pagination?.total.toString()).toBe("2");
    a.deliver(DELETE, { owner: provider }, provider);
    expect(errorOf(() => a.query(`${PQ}Provider`, { owner: provider }))).toMatchObject({ codespace: "provider", code: 3 });
    expect(errorOf(() => a.deliver(UPDATE, msg(provider)))).toMatchObject({ codespace: "provider", code: 3 });
    expect(errorOf(() => a.deliver(DELETE, { owner: provider }))).toMatchObject({ codespace: "provider", code: 3 });
  });

  it("validates host URI, attributes, website and signer", () => {
    const a = new TestApp();
    expect(errorOf(() => a.deliver(CREATE, msg(provider, "provider.example.com:8443")))).toMatchObject({ codespace: "provider", code: 1 });
    expect(errorOf(() => a.deliver(CREATE, msg(provider, "not a url")))).toMatchObject({ codespace: "provider", code: 2 });
    expect(errorOf(() => a.deliver(CREATE, msg(provider, "http://provider.example.com:8443")))).toMatchObject({ codespace: "provider", code: 1 });
    expect(errorOf(() => a.deliver(CREATE, msg(provider, "https://provider.example.com:8443/")))).toMatchObject({ codespace: "provider", code: 1 });
    expect(errorOf(() => a.deliver(CREATE, msg(provider, "https://provider.example.com:8443/api")))).toMatchObject({ codespace: "provider", code: 1 });
    expect(errorOf(() => a.deliver(CREATE, msg(provider, undefined, [{ key: "a", value: "1" }, { key: "a", value: "2" }])))).toMatchObject({ codespace: "provider", code: 6 });
    expect(errorOf(() => a.deliver(CREATE, { ...msg(provider), info: { email: "", website: "nope" } }))).toMatchObject({ codespace: "provider", code: 8 });
    expect(errorOf(() => a.deliver(CREATE, msg("akash1invalid")))).toMatchObject({ codespace: "sdk", code: 7 });
    expect(errorOf(() => a.deliver(CREATE, msg(provider), provider2))).toMatchObject({ codespace: "sdk", code: 4 });
  });
});

describe("x/audit", () => {
  it("signs, merges, queries and deletes provider attributes", () => {
    const a = new TestApp();
    const other = testAddress("auditor-2");
    expect(errorOf(() => a.deliver(SIGN, { owner: provider, auditor, attributes: [{ key: "tier", value: "1" }] }))).toMatchObject({ codespace: "audit", code: 1 });
    registerProvider(a, provider);
    registerProvider(a, provider2);
    const res = a.deliver(SIGN, { owner: provider, auditor, attributes: [{ key: "tier", value: "1" }] }, auditor);
    expect(res.events.map((e) => e.type)).toEqual(["akash.audit.v1.EventTrustedAuditorCreated"]);
    a.deliver(SIGN, { owner: provider, auditor, attributes: [{ key: "tier", value: "2" }, { key: "country", value: "DE" }] }, auditor);
    a.deliver(SIGN, { owner: provider2, auditor, attributes: [{ key: "tier", value: "3" }] }, auditor);
    a.deliver(SIGN, { owner: provider, auditor: other, attributes: [{ key: "xk", value: "y" }] }, other);
    expect(errorOf(() => a.deliver(SIGN, { owner: provider, auditor, attributes: [{ key: "tier", value: "1" }] }, provider))).toMatchObject({ codespace: "sdk", code: 4 });

    const pa = a.query<AuditProvidersResponse>(`${AQ}ProviderAuditorAttributes`, { owner: provider, auditor });
    expect(pa.providers[0]?.attributes).toEqual([
      { key: "country", value: "DE" },
      { key: "tier", value: "2" },
    ]);
    expect(a.query<AuditProvidersResponse>(`${AQ}ProviderAttributes`, { owner: provider }).providers.map((p) => p.auditor).sort()).toEqual([auditor, other].sort());
    expect(a.query<AuditProvidersResponse>(`${AQ}AuditorAttributes`, { auditor }).providers.map((p) => p.owner).sort()).toEqual([provider, provider2].sort());
    expect(a.query<AuditProvidersResponse>(`${AQ}AllProvidersAttributes`, {}).providers).toHaveLength(3);

    expect(errorOf(() => a.deliver(UNSIGN, { owner: provider, auditor, keys: ["missing"] }))).toMatchObject({ codespace: "audit", code: 3 });
    a.deliver(UNSIGN, { owner: provider, auditor, keys: ["tier"] }, auditor);
    expect(a.query<AuditProvidersResponse>(`${AQ}ProviderAuditorAttributes`, { owner: provider, auditor }).providers[0]?.attributes).toEqual([{ key: "country", value: "DE" }]);
    a.deliver(UNSIGN, { owner: provider, auditor, keys: [] }, auditor);
    expect(errorOf(() => a.query(`${AQ}ProviderAuditorAttributes`, { owner: provider, auditor }))).toMatchObject({ codespace: "audit", code: 1 });
    expect(errorOf(() => a.deliver(SIGN, { owner: "bad", auditor, attributes: [{ key: "tier", value: "1" }] }))).toMatchObject({ codespace: "audit", code: 2 });
  });
});
