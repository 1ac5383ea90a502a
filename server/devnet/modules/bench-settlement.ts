/**
 * Measures the escrow EndBlock (the depletion schedule; settlement itself is lazy) and the market queries with many open
 * leases, on the in-memory test app:
 *
 *   npx tsx server/devnet/modules/bench-settlement.ts [leases=1000] [blocks=50]
 */
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { TestApp } from "./testing.ts";
import { createBidMsg, createDeploymentMsg, owner, provider, registerProvider } from "./fixtures.test-util.ts";

const leases = Number(process.argv[2] ?? 1000);
const blocks = Number(process.argv[3] ?? 50);

const app = new TestApp();
app.fund(owner, [{ denom: "uact", amount: String(10_000_000 * leases) }]);
app.fund(provider, [{ denom: "uact", amount: String(1_000_000 * leases) }]);
registerProvider(app, provider);

let t = performance.now();
for (let d = 1; d <= leases; d++) {
  app.deliver("/akash.deployment.v1beta4.MsgCreateDeployment", createDeploymentMsg(d), owner);
  app.deliver("/akash.market.v1beta5.MsgCreateBid", createBidMsg(d, provider, "1.234567"), provider);
  app.deliver("/akash.market.v1beta5.MsgCreateLease", { bidId: { owner, dseq: String(d), gseq: 1, oseq: 1, provider, bseq: 0 } }, owner);
}
const setupMs = performance.now() - t;

t = performance.now();
app.nextBlock(blocks);
const perBlockMs = (performance.now() - t) / blocks;

t = performance.now();
const page = app.query<{ leases: unknown[] }>("/akash.market.v1beta5.Query/Leases", { filters: { owner, state: "active" }, pagination: { limit: 100 } });
const leasesQueryMs = performance.now() - t;

t = performance.now();
app.deliver("/akash.escrow.v1.MsgAccountDeposit", { signer: owner, id: { scope: 1, xid: `${owner}/1` }, deposit: { amount: { denom: "uact", amount: "1000" }, sources: [Source.balance] } }, owner);
const depositMs = performance.now() - t;

console.log(
  JSON.stringify({
    leases,
    blocks,
    setupMsPerLease: +(setupMs / leases).toFixed(3),
    endBlockMsPerBlock: +perBlockMs.toFixed(2),
    leasesQueryPage100Ms: +leasesQueryMs.toFixed(2),
    accountDepositTxMs: +depositMs.toFixed(2),
    leasesReturned: page.leases.length,
  }),
);
