import { afterEach, describe, expect, it, vi } from "vitest";
import { listDeployments } from "./deployment";
import { listLeases, parseLease } from "./market";

afterEach(() => vi.unstubAllGlobals());

const deploymentJson = (dseq: string) => ({
  deployment: { id: { owner: "akash1owner", dseq }, state: "active", hash: "AA==", created_at: "5" },
  groups: [{ id: { gseq: 1 }, state: "open", group_spec: { name: "dcloud", resources: [{ resource: { cpu: { units: { val: "500" } }, memory: { quantity: { val: "536870912" } }, storage: [{ quantity: { val: "1073741824" } }], endpoints: [{}] }, count: 2, price: { denom: "uact", amount: "1000.000000000000000000" } }] } }],
  escrow_account: { state: { state: "open", funds: [{ denom: "uact", amount: "4999000.0" }], transferred: [], settled_at: "9", deposits: [] } },
});

describe("chain reads", () => {
  it("pages through every deployment with next_key", async () => {
    const urls: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      urls.push(url);
      const key = new URL(url).searchParams.get("pagination.key");
      const page = key === null ? 0 : Number(atob(key));
      const body = { deployments: Array.from({ length: page < 2 ? 100 : 7 }, (_, i) => deploymentJson(String(page * 100 + i + 1))), pagination: { next_key: page < 2 ? btoa(String(page + 1)) : null, total: "0" } };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    const all = await listDeployments("http://rest", "akash1owner");
    expect(all).toHaveLength(207);
    expect(urls).toHaveLength(3);
    expect(urls[0]).toContain("filters.owner=akash1owner");
    expect(all[0]).toMatchObject({ dseq: "1", state: "active", createdAt: 5, escrow: { settledAt: 9, funds: [{ denom: "uact", amount: "4999000.0" }] } });
    expect(all[0]!.groups[0]!.resources[0]).toMatchObject({ cpuMillis: 500, memoryBytes: 536870912, storageBytes: 1073741824, count: 2, endpoints: 1 });
  });

  it("filters leases by dseq and reads the close reason and payment", async () => {
    vi.stubGlobal("fetch", async (url: string) => {
      expect(url).toContain("filters.dseq=42");
      return new Response(JSON.stringify({ leases: [{ lease: { id: { owner: "o", dseq: "42", gseq: 1, oseq: 1, provider: "p", bseq: 0 }, state: "closed", price: { denom: "uact", amount: "3.5" }, created_at: "10", closed_on: "20", reason: "lease_closed_reason_unstable" }, escrow_payment: { state: { state: "closed", rate: { denom: "uact", amount: "3.5" }, balance: { denom: "uact", amount: "0" }, unsettled: { denom: "uact", amount: "0" }, withdrawn: { denom: "uact", amount: "35" } } } }], pagination: { next_key: null } }), { status: 200 });
    });
    const [lease] = await listLeases("http://rest", { owner: "o", dseq: "42" });
    expect(lease).toMatchObject({ state: "closed", closedOn: 20, reason: "lease_closed_reason_unstable", payment: { withdrawn: { amount: "35" } } });
    expect(parseLease({}).state).toBe("unknown");
  });
});

describe("one rule for missing items", () => {
  it("getDeployment and getProvider answer null on 404 and on a gRPC NotFound, and throw anything else", async () => {
    const { getDeployment } = await import("./deployment");
    const { getProvider } = await import("./provider");
    let answer: () => Response = () => new Response(JSON.stringify({ code: 5, message: "deployment not found" }), { status: 404 });
    vi.stubGlobal("fetch", async () => answer());
    expect(await getDeployment("http://rest", "o", "1")).toBeNull();
    expect(await getProvider("http://rest", "p")).toBeNull();
    answer = () => new Response(JSON.stringify({ code: 5, message: "rpc error: code = NotFound desc = provider not found" }), { status: 500 });
    expect(await getProvider("http://rest", "p")).toBeNull();
    answer = () => new Response(JSON.stringify({ code: 13, message: "internal" }), { status: 500 });
    await expect(getDeployment("http://rest", "o", "1")).rejects.toThrow("internal");
  });

  it("sums DecCoin amounts exactly and ignores garbage", async () => {
    const { sumOf, amountOf } = await import("./coins");
    const coins = [
      { denom: "uact", amount: "0.100000000000000000" },
      { denom: "uact", amount: "0.200000000000000000" },
      { denom: "uact", amount: "1e9" },
      { denom: "uakt", amount: "5" },
    ];
    expect(sumOf(coins, "uact")).toBe(0.3);
    expect(amountOf([{ denom: "uakt", amount: "1234.99" }], "uakt")).toBe(1234n);
    expect(amountOf([], "uakt")).toBe(0n);
  });

  it("reads amounts as atoms exactly as Decimal parses them, and garbage as zero", async () => {
    const { decAtoms } = await import("./coins");
    const { Decimal } = await import("@cosmjs/math");
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,30}$/), fc.option(fc.stringMatching(/^\d{1,24}$/)), (whole, fraction) => {
        const text = fraction === null ? whole : `${whole}.${fraction}`;
        const expected = Decimal.fromUserInput(fraction === null ? whole : `${whole}.${fraction.slice(0, 18)}`, 18).atomics;
        expect(decAtoms(text).toString()).toBe(expected.replace(/^0+(?=\d)/, ""));
      }),
    );
    for (const garbage of [undefined, "", "1e9", "-5", "1.", ".5", "12,5", "0x10", " 7 "]) expect(decAtoms(garbage)).toBe(garbage === " 7 " ? 7n * 10n ** 18n : 0n);
  });
});

describe("pagination", () => {
  it("stops when a node answers a page with the key it was asked for (no endless loop)", async () => {
    const { collectPages } = await import("./pagination");
    let calls = 0;
    vi.stubGlobal("fetch", async () => {
      calls++;
      return new Response(JSON.stringify({ items: [calls], pagination: { next_key: "same" } }), { status: 200 });
    });
    const items = await collectPages("http://rest/list?x=1", (body) => (body as { items: number[] }).items);
    expect(items).toEqual([1, 2]);
    expect(calls).toBe(2);
  });
});
