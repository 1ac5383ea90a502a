import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chainKeys, grantKeys } from "./keys";
import { FEE_CHOICE_STALE_MS, feeAllowanceReader } from "./grants";

const network = { id: "devnet", restUrl: "http://rest.test" };
const grantee = "akash1member";

/** The node's feegrant gateway: answers with an allowance of `limits[n]` uakt on its n-th read. */
function node(...limits: string[]) {
  const urls: string[] = [];
  vi.stubGlobal("fetch", (url: string) => {
    urls.push(url);
    const amount = limits[Math.min(urls.length - 1, limits.length - 1)]!;
    const allowance = { granter: "akash1treasury", grantee, allowance: { "@type": "/cosmos.feegrant.v1beta1.BasicAllowance", spend_limit: [{ denom: "uakt", amount }], expiration: null } };
    return Promise.resolve(new Response(JSON.stringify({ allowances: [allowance], pagination: { next_key: null, total: "1" } }), { status: 200, headers: { "content-type": "application/json" } }));
  });
  return urls;
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("feeAllowanceReader", () => {
  it("answers from the Authorizations page's cache entry while it is recent, and reads the node when asked to or once it is old", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const urls = node("5000", "9000", "7000");
    const queryClient = new QueryClient();
    const read = feeAllowanceReader(queryClient, network, grantee);
    const limit = (grants: Awaited<ReturnType<typeof read>>) => grants[0]?.allowance.spendLimit[0]?.amount;

    expect(limit(await read(false))).toBe("5000");
    expect(limit(await read(false))).toBe("5000");
    expect(urls).toHaveLength(1);
    expect(urls[0]).toContain("/cosmos/feegrant/v1beta1/allowances/akash1member");

    // A fresh read goes to the node and replaces what the page shows.
    expect(limit(await read(true))).toBe("9000");
    expect(limit(queryClient.getQueryData(grantKeys.feeReceived("devnet", grantee)) ?? [])).toBe("9000");

    vi.setSystemTime(Date.now() + FEE_CHOICE_STALE_MS + 1);
    expect(limit(await read(false))).toBe("7000");
    expect(urls).toHaveLength(3);
  });

  it("reads again after a signed transaction invalidated the chain's data", async () => {
    const urls = node("5000", "4000");
    const queryClient = new QueryClient();
    const read = feeAllowanceReader(queryClient, network, grantee);
    await read(false);
    await queryClient.invalidateQueries({ queryKey: chainKeys.all("devnet") });
    expect((await read(false))[0]?.allowance.spendLimit[0]?.amount).toBe("4000");
    expect(urls).toHaveLength(2);
  });

  it("does not retry a node that cannot answer: the fee choice goes on without allowances", async () => {
    let calls = 0;
    vi.stubGlobal("fetch", () => {
      calls++;
      return Promise.resolve(new Response(JSON.stringify({ code: 12, message: "Not Implemented" }), { status: 501 }));
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 3, retryDelay: 0 } } });
    await expect(feeAllowanceReader(queryClient, network, grantee)(false)).rejects.toThrow();
    expect(calls).toBe(1);
  });
});
