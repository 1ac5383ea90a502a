import { describe, expect, it } from "vitest";
import Long from "long";
import * as v1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import * as v1beta5 from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import * as akashV1 from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { loadRoutes, matchRoutes } from "./routes.ts";
import { buildRequest, GatewayError } from "./request.ts";

describe("route table from chain-sdk service metadata", () => {
  it("has every Akash query route of the reference at its real path", async () => {
    const routes = await loadRoutes();
    const byPath = (p: string) => routes.find((r) => r.httpPath === p)?.grpcPath;
    expect(byPath("/akash/deployment/v1beta4/deployments/list")).toBe("/akash.deployment.v1beta4.Query/Deployments");
    expect(byPath("/akash/deployment/v1beta4/deployments/info")).toBe("/akash.deployment.v1beta4.Query/Deployment");
    expect(byPath("/akash/deployment/v1beta4/groups/info")).toBe("/akash.deployment.v1beta4.Query/Group");
    expect(byPath("/akash/deployment/v1beta4/params")).toBe("/akash.deployment.v1beta4.Query/Params");
    expect(byPath("/akash/market/v1beta5/bids/list")).toBe("/akash.market.v1beta5.Query/Bids");
    expect(byPath("/akash/market/v1beta5/leases/info")).toBe("/akash.market.v1beta5.Query/Lease");
    expect(byPath("/akash/escrow/v1/types/accounts")).toBe("/akash.escrow.v1.Query/Accounts");
    expect(byPath("/akash/escrow/v1/types/payments")).toBe("/akash.escrow.v1.Query/Payments");
    expect(byPath("/akash/provider/v1beta4/providers/{owner}")).toBe("/akash.provider.v1beta4.Query/Provider");
    expect(byPath("/akash/audit/v1/audit/attributes/{auditor}/{owner}")).toBe("/akash.audit.v1.Query/ProviderAuditorAttributes");
    expect(byPath("/akash/cert/v1/certificates/list")).toBe("/akash.cert.v1.Query/Certificates");
    expect(byPath("/akash/bme/v1/params")).toBe("/akash.bme.v1.Query/Params");
    expect(byPath("/akash/take/v1/params")).toBe("/akash.take.v1.Query/Params");
    expect(byPath("/cosmos/bank/v1beta1/balances/{address}")).toBe("/cosmos.bank.v1beta1.Query/AllBalances");
    expect(byPath("/cosmos/tx/v1beta1/simulate")).toBe("/cosmos.tx.v1beta1.Service/Simulate");
    expect(routes.find((r) => r.httpPath === "/cosmos/tx/v1beta1/txs" && r.httpMethod === "POST")?.name).toBe("BroadcastTx");
    expect(routes.find((r) => r.httpPath === "/cosmos/tx/v1beta1/txs" && r.httpMethod === "GET")?.name).toBe("GetTxsEvent");
  });

  it("matches literal segments before variables and binds path variables", async () => {
    const routes = await loadRoutes();
    const m = matchRoutes(routes, "GET", "/cosmos/bank/v1beta1/balances/akash1abc/by_denom");
    expect(m[0]?.route.name).toBe("Balance");
    expect(m[0]?.vars).toEqual({ address: "akash1abc" });
    const all = matchRoutes(routes, "GET", "/cosmos/bank/v1beta1/balances/akash1abc");
    expect(all[0]?.route.name).toBe("AllBalances");
    const audit = matchRoutes(routes, "GET", "/akash/audit/v1/audit/attributes/akash1owner/list");
    expect(audit[0]?.route.name).toBe("ProviderAttributes");
    const denom = matchRoutes(routes, "GET", "/cosmos/bank/v1beta1/denoms_metadata/ibc/ABCDEF");
    expect(denom[0]?.vars).toEqual({ denom: "ibc/ABCDEF" });
    expect(matchRoutes(routes, "GET", "/akash/deployment/v1beta4/nope")).toEqual([]);
    expect(matchRoutes(routes, "POST", "/akash/deployment/v1beta4/params")).toEqual([]);
    expect(matchRoutes(routes, "GET", "/cosmos/bank/v1beta1/balances/%E0%A4%A")).toEqual([]);
  });
});

describe("request building like grpc-gateway", () => {
  it("maps nested query params to request fields", () => {
    const q = new URLSearchParams(
      "filters.owner=akash1x&filters.state=active&filters.dseq=42&pagination.limit=5&pagination.key=AAE=&pagination.offset=3&pagination.count_total=true&pagination.reverse=1&unknown.param=1",
    );
    const req = buildRequest(v1beta4.QueryDeploymentsRequest, {}, q);
    expect(req.filters?.owner).toBe("akash1x");
    expect(req.filters?.state).toBe("active");
    expect(req.filters?.dseq.toString()).toBe("42");
    expect(req.pagination?.limit.toString()).toBe("5");
    expect(Array.from(req.pagination?.key ?? [])).toEqual([0, 1]);
    expect(req.pagination?.offset.toString()).toBe("3");
    expect(req.pagination?.countTotal).toBe(true);
    expect(req.pagination?.reverse).toBe(true);
  });

  it("maps id.* and uint32 fields, and path variables", () => {
    const req = buildRequest(v1beta5.QueryBidRequest, {}, new URLSearchParams("id.owner=o&id.dseq=7&id.gseq=2&id.oseq=3&id.provider=p&id.bseq=0"));
    expect(req.id).toMatchObject({ owner: "o", gseq: 2, oseq: 3, provider: "p", bseq: 0 });
    expect(Long.isLong(req.id?.dseq)).toBe(true);
    const acc = buildRequest(akashV1.QueryAccountsRequest, {}, new URLSearchParams("state=open&xid=o/1"));
    expect(acc).toMatchObject({ state: "open", xid: "o/1" });
  });

  it("rejects values that do not fit the field with InvalidArgument", () => {
    const bad = (qs: string) => () => buildRequest(v1beta4.QueryDeploymentsRequest, {}, new URLSearchParams(qs));
    // A GatewayError with gRPC code 3 (InvalidArgument) whose message names the parameter and the problem.
    const invalidArgument = (message: RegExp) => expect.objectContaining({ name: "GatewayError", grpcCode: 3, message: expect.stringMatching(message) });
    expect(bad("pagination.limit=abc")).toThrow(GatewayError);
    expect(bad("pagination.limit=abc")).toThrow(invalidArgument(/^invalid value for pagination\.limit: "abc" is not an integer$/));
    expect(bad("pagination.limit=1.5")).toThrow(GatewayError);
    expect(bad("pagination.limit=1.5")).toThrow(invalidArgument(/^invalid value for pagination\.limit: "1\.5" is not an integer$/));
    expect(bad("filters.dseq=-")).toThrow(invalidArgument(/filters\.dseq: "-" is not an integer/));
    expect(bad("pagination.count_total=maybe")).toThrow(invalidArgument(/pagination\.count_total: "maybe" is not a boolean/));
    expect(bad("pagination.key=%%%")).toThrow(invalidArgument(/pagination\.key: "%%%" is not base64/));
    expect(bad("pagination=1")).toThrow(invalidArgument(/^pagination is a message/));
  });
});
