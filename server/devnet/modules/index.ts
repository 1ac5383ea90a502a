/**
 * The Akash modules of the devnet chain. Keepers are stateless (all state lives in the store
 * passed with each context), so one set is created per app and wired together here: escrow
 * hooks close leases and deployments, the market reads deployment groups, provider and audit
 * attributes. Each module also exposes its keeper as `module.keeper` (the app puts it at
 * `ctx.keepers[module.name]`).
 */
import type { Module } from "../chain/types.ts";
import { AuditKeeper, auditModule } from "./audit.ts";
import { BmeKeeper, bmeModule } from "./bme.ts";
import { CertKeeper, certModule } from "./cert.ts";
import { DeploymentKeeper, deploymentModule } from "./deployment.ts";
import { EscrowKeeper, escrowModule } from "./escrow.ts";
import { marketModule } from "./market.ts";
import { MarketKeeper } from "./market-keeper.ts";
import { matchRequirements } from "./market-matching.ts";
import { ProviderKeeper, providerModule } from "./provider.ts";
import { oracleModule, takeModule } from "./oracle-take.ts";

export interface AkashKeepers {
  escrow: EscrowKeeper;
  deployment: DeploymentKeeper;
  market: MarketKeeper;
  provider: ProviderKeeper;
  audit: AuditKeeper;
  cert: CertKeeper;
  bme: BmeKeeper;
}

export function createAkashKeepers(): AkashKeepers {
  const escrow = new EscrowKeeper();
  const provider = new ProviderKeeper();
  const audit = new AuditKeeper(provider);
  const deployment = new DeploymentKeeper(escrow);
  const market = new MarketKeeper(escrow, deployment, provider, audit);
  deployment.market = market;
  provider.activeLeaseCount = (store, owner) => market.leasesForProvider(store, owner, "active").length;
  provider.attributesConflict = (store, owner, attributes) => {
    const signed = audit.providerAttributes(store, owner);
    for (const l of market.leasesForProvider(store, owner, "active")) {
      const order = market.getOrder(store, l);
      if (order && !matchRequirements(market.orderSpec(order), attributes, signed)) return `active lease ${l.owner}/${l.dseq}/${l.gseq}/${l.oseq} requires attributes the update removes`;
    }
    return undefined;
  };
  escrow.onPaymentClosed((ctx, p) => market.onEscrowPaymentClosed(ctx, p));
  escrow.onAccountClosed((ctx, acc) => {
    if (acc.id.scope !== "deployment") return;
    const [owner, dseq] = acc.id.xid.split("/");
    if (owner && dseq) deployment.onEscrowAccountClosed(ctx, owner, dseq, acc.state === "overdrawn");
  });
  return { escrow, deployment, market, provider, audit, cert: new CertKeeper(), bme: new BmeKeeper() };
}

export function akashModules(): Module[] {
  const k = createAkashKeepers();
  return [escrowModule(k.escrow), deploymentModule(k.deployment), marketModule(k.market), providerModule(k.provider), auditModule(k.audit), certModule(k.cert), bmeModule(k.bme), oracleModule(), takeModule()];
}
