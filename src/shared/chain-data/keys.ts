/**
 * Query keys, one factory per domain; nothing else types a key. Everything read from the chain sits under
 * `["chain", networkId]`, so a signed transaction or a network switch refreshes it with one prefix
 * (`chainKeys.all`). Live reads from providers sit under `["provider", networkId]`; data this browser keeps
 * (deployment records) under `["local", networkId]`. The same data has one key, whichever page reads it.
 */
const chain = (networkId: string) => ["chain", networkId] as const;

export const chainKeys = {
  all: chain,
  latestHeight: (networkId: string) => [...chain(networkId), "latest-height"] as const,
  block: (networkId: string, height: number) => [...chain(networkId), "block", height] as const,
  /** The average block time measured over recent headers. */
  blockTiming: (networkId: string) => [...chain(networkId), "block-timing"] as const,
};

export const deploymentKeys = {
  all: (networkId: string, owner: string) => [...chain(networkId), "deployments", owner] as const,
  list: (networkId: string, owner: string) => [...deploymentKeys.all(networkId, owner), "list"] as const,
  detail: (networkId: string, owner: string, dseq: string) => [...deploymentKeys.all(networkId, owner), "detail", dseq] as const,
  minDeposit: (networkId: string, denom: string) => [...chain(networkId), "deployment-params", "min-deposit", denom] as const,
  /** The simulated fee of creating a deployment from `sdl` with `deposit` (micro-units), before it is signed. */
  createFee: (networkId: string, owner: string, sdl: string, deposit: string, fromGrant = false) => [...deploymentKeys.all(networkId, owner), "create-fee", deposit, fromGrant ? "grant" : "balance", sdl] as const,
};

export const leaseKeys = {
  all: (networkId: string, owner: string) => [...chain(networkId), "leases", owner] as const,
  /** `dseq` undefined: every lease of the owner. */
  list: (networkId: string, owner: string, dseq?: string) => [...leaseKeys.all(networkId, owner), "deployment", dseq ?? "*"] as const,
  withProvider: (networkId: string, owner: string, provider: string) => [...leaseKeys.all(networkId, owner), "provider", provider] as const,
  /** Live status from the provider (not chain state: a tx does not change it). */
  status: (networkId: string, owner: string, dseq: string, leaseKey: string) => ["provider", networkId, "lease-status", owner, dseq, leaseKey] as const,
};

export const bidKeys = {
  /** Written by the live bid feed; read by the auction page. */
  list: (networkId: string, owner: string, dseq: string) => [...chain(networkId), "bids", owner, dseq] as const,
};

/**
 * Escrow accounts are embedded in the deployment and lease reads, so escrow figures are derived from those
 * queries and cached once, under their keys; only module-level reads get keys of their own.
 */
export const escrowKeys = {
  bmeQuote: (networkId: string) => [...chain(networkId), "bme", "quote"] as const,
};

export const providerKeys = {
  list: (networkId: string) => [...chain(networkId), "providers", "list"] as const,
  audits: (networkId: string) => [...chain(networkId), "providers", "audits"] as const,
  detail: (networkId: string, owner: string) => [...chain(networkId), "providers", "detail", owner] as const,
  auditsOf: (networkId: string, owner: string) => [...chain(networkId), "providers", "audits", owner] as const,
  /** Live `/status` and `/version` through the proxy. */
  status: (networkId: string, proxyUrl: string, owner: string, hostUri: string) => ["provider", networkId, "status", proxyUrl, owner, hostUri] as const,
  version: (networkId: string, proxyUrl: string, owner: string, hostUri: string) => ["provider", networkId, "version", proxyUrl, owner, hostUri] as const,
};

export const accountKeys = {
  all: (networkId: string, address: string) => [...chain(networkId), "account", address] as const,
  balances: (networkId: string, address: string) => [...accountKeys.all(networkId, address), "balances"] as const,
  txs: (networkId: string, address: string) => [...accountKeys.all(networkId, address), "txs"] as const,
  certificates: (networkId: string, address: string) => [...accountKeys.all(networkId, address), "certificates"] as const,
};

/** x/authz grants and x/feegrant allowances, given and received (one entry per direction and account). */
export const grantKeys = {
  all: (networkId: string) => [...chain(networkId), "grants"] as const,
  authzGiven: (networkId: string, granter: string) => [...grantKeys.all(networkId), "authz", "granter", granter] as const,
  authzReceived: (networkId: string, grantee: string) => [...grantKeys.all(networkId), "authz", "grantee", grantee] as const,
  feeGiven: (networkId: string, granter: string) => [...grantKeys.all(networkId), "fee", "granter", granter] as const,
  feeReceived: (networkId: string, grantee: string) => [...grantKeys.all(networkId), "fee", "grantee", grantee] as const,
};

export const marketKeys = {
  /** Provider price lists and recent bids: what estimates are made from. */
  snapshot: (networkId: string) => [...chain(networkId), "market", "snapshot"] as const,
};

/** Work on an SDL text in this browser, no network involved: `prepareManifest`'s manifest, hash and summary. */
export const sdlKeys = {
  manifest: (sdl: string, requireUact: boolean) => ["sdl", "manifest", requireUact ? "uact" : "any", sdl] as const,
};

export const recordKeys = {
  all: (networkId: string, owner: string) => ["local", networkId, "deployment-records", owner] as const,
  list: (networkId: string, owner: string) => [...recordKeys.all(networkId, owner), "list"] as const,
  one: (networkId: string, owner: string, dseq: string) => [...recordKeys.all(networkId, owner), "one", dseq] as const,
};

export const spendKeys = {
  all: (networkId: string) => [...chain(networkId), "spend"] as const,
  /** A team's (or one wallet's) leases, escrow, balances and burn now; addresses sorted so the same set has one key. */
  now: (networkId: string, addresses: ReadonlyArray<string>) => [...spendKeys.all(networkId), "now", [...addresses].sort().join(",")] as const,
  /** Its history over [from, to] as of `latestHeight` (the "now" it was computed from). */
  period: (networkId: string, addresses: ReadonlyArray<string>, from: string, to: string, latestHeight: number) => [...spendKeys.all(networkId), "period", [...addresses].sort().join(","), from, to, latestHeight] as const,
};
