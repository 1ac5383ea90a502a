/** Chain queries over REST (grpc-gateway JSON), as a real provider makes them. */
import type { Attribute, GroupSpecView, LeaseIdView, OrderIdView, OrderView } from "./types.ts";
import type { AuditRecord } from "./matching.ts";
import { arr, obj, parseAttrs, parseGroupSpec, parseLeaseId, parseOrderId, str, type Json } from "./chain-json.ts";

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    path: string,
  ) {
    super(`REST ${path} → ${status}: ${body.slice(0, 300)}`);
  }
}

export interface OnChainCertificate {
  state: string;
  certPem: string;
  serial: string;
}

/** Accounts whose public key is kept (a provider meets few tenants; the oldest is dropped past this). */
const MAX_CACHED_PUBKEYS = 10_000;

export class ChainRest {
  /** An account's public key never changes once it is set: read once, not for every token a tenant sends. */
  private readonly pubkeys = new Map<string, Uint8Array>();

  constructor(
    readonly restUrl: string,
    private readonly timeoutMs = 8000,
  ) {}

  async get(path: string, params: Record<string, string | number | undefined> = {}): Promise<Json> {
    const url = new URL(path, this.restUrl);
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
    const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    const body = await res.text();
    if (!res.ok) throw new RestError(res.status, body, url.pathname);
    return obj(JSON.parse(body));
  }

  /** GET, mapping 404 (and gRPC NotFound bodies) to null. */
  async find(path: string, params: Record<string, string | number | undefined> = {}): Promise<Json | null> {
    try {
      return await this.get(path, params);
    } catch (e) {
      if (e instanceof RestError && (e.status === 404 || /"code":\s*5\b/.test(e.body))) return null;
      throw e;
    }
  }

  async provider(owner: string): Promise<{ hostUri: string; attributes: Attribute[] } | null> {
    const r = await this.find(`/akash/provider/v1beta4/providers/${owner}`);
    if (!r) return null;
    const p = obj(r.provider);
    return { hostUri: str(p.host_uri ?? p.hostUri), attributes: parseAttrs(p.attributes) };
  }

  async auditRecords(owner: string): Promise<AuditRecord[]> {
    const r = await this.find(`/akash/audit/v1/audit/attributes/${owner}/list`);
    if (!r) return [];
    return arr(r.providers).map((p) => ({ auditor: str(obj(p).auditor), attributes: parseAttrs(obj(p).attributes) }));
  }

  /** A certificate by owner and decimal serial, in whatever state it is (null if never registered). */
  async certificate(owner: string, serial: string): Promise<OnChainCertificate | null> {
    const r = await this.find("/akash/cert/v1/certificates/list", { "filter.owner": owner, "filter.serial": serial });
    const c = arr(r?.certificates)[0];
    if (!c) return null;
    const cert = obj(obj(c).certificate);
    return { state: str(cert.state), certPem: Buffer.from(str(cert.cert), "base64").toString("utf8"), serial: str(obj(c).serial) };
  }

  /** The account's secp256k1 public key (33 bytes), null if the account has none; throws if unknown. */
  async accountPubkey(address: string): Promise<Uint8Array | null> {
    const known = this.pubkeys.get(address);
    if (known) return known;
    const r = await this.find(`/cosmos/auth/v1beta1/accounts/${address}`);
    if (!r) return null;
    const acc = obj(r.account);
    const pk = obj(acc.pub_key ?? acc.pubKey ?? obj(acc.base_account).pub_key);
    const key = str(pk.key);
    if (!key) return null;
    const pubkey = new Uint8Array(Buffer.from(key, "base64"));
    if (this.pubkeys.size >= MAX_CACHED_PUBKEYS) this.pubkeys.delete(this.pubkeys.keys().next().value!);
    this.pubkeys.set(address, pubkey);
    return pubkey;
  }

  async deployment(owner: string, dseq: string): Promise<{ hash: Uint8Array; state: string; groups: { gseq: number; spec: GroupSpecView }[] } | null> {
    const r = await this.find("/akash/deployment/v1beta4/deployments/info", { "id.owner": owner, "id.dseq": dseq });
    if (!r) return null;
    const d = obj(r.deployment);
    return {
      hash: new Uint8Array(Buffer.from(str(d.hash), "base64")),
      state: str(d.state),
      groups: arr(r.groups).map((g) => ({ gseq: Number(obj(obj(g).id).gseq), spec: parseGroupSpec(obj(g).group_spec ?? obj(g).groupSpec) })),
    };
  }

  async order(id: OrderIdView): Promise<OrderView | null> {
    const r = await this.find("/akash/market/v1beta5/orders/info", { "id.owner": id.owner, "id.dseq": id.dseq, "id.gseq": id.gseq, "id.oseq": id.oseq });
    if (!r) return null;
    const o = obj(r.order);
    return { id: parseOrderId(o.id), state: str(o.state), spec: parseGroupSpec(o.spec) };
  }

  async openOrders(): Promise<OrderView[]> {
    const out: OrderView[] = [];
    let key: string | undefined;
    for (let page = 0; page < 50; page++) {
      const r = await this.get("/akash/market/v1beta5/orders/list", { "filters.state": "open", "pagination.limit": 100, "pagination.key": key });
      for (const o of arr(r.orders)) out.push({ id: parseOrderId(obj(o).id), state: str(obj(o).state), spec: parseGroupSpec(obj(o).spec) });
      const next = obj(r.pagination).next_key;
      if (!next) break;
      key = str(next);
    }
    return out;
  }

  /** Order IDs this provider has open bids on. */
  async openBidOrders(provider: string): Promise<OrderIdView[]> {
    const out: OrderIdView[] = [];
    let key: string | undefined;
    for (let page = 0; page < 50; page++) {
      const r = await this.get("/akash/market/v1beta5/bids/list", { "filters.provider": provider, "filters.state": "open", "pagination.limit": 100, "pagination.key": key });
      for (const b of arr(r.bids)) out.push(parseOrderId(obj(obj(b).bid).id));
      const next = obj(r.pagination).next_key;
      if (!next) break;
      key = str(next);
    }
    return out;
  }

  async leases(filters: { owner?: string; dseq?: string; provider?: string; state?: string }): Promise<{ id: LeaseIdView; state: string; price: { denom: string; amount: string } }[]> {
    const out: { id: LeaseIdView; state: string; price: { denom: string; amount: string } }[] = [];
    let key: string | undefined;
    for (let page = 0; page < 50; page++) {
      const r = await this.get("/akash/market/v1beta5/leases/list", {
        "filters.owner": filters.owner,
        "filters.dseq": filters.dseq,
        "filters.provider": filters.provider,
        "filters.state": filters.state,
        "pagination.limit": 100,
        "pagination.key": key,
      });
      for (const l of arr(r.leases)) {
        const lease = obj(obj(l).lease);
        const price = obj(lease.price);
        out.push({ id: parseLeaseId(lease.id), state: str(lease.state), price: { denom: str(price.denom), amount: str(price.amount) } });
      }
      const next = obj(r.pagination).next_key;
      if (!next) break;
      key = str(next);
    }
    return out;
  }

  private minDepositCache = new Map<string, { amount: string; at: number }>();

  /** Minimum bid deposit for a denom from market params (cached for a minute; falls back to 500000). */
  async bidMinDeposit(denom: string): Promise<string> {
    const cached = this.minDepositCache.get(denom);
    if (cached && Date.now() - cached.at < 60_000) return cached.amount;
    const amount = await this.fetchBidMinDeposit(denom);
    this.minDepositCache.set(denom, { amount, at: Date.now() });
    return amount;
  }

  private async fetchBidMinDeposit(denom: string): Promise<string> {
    try {
      const r = await this.get("/akash/market/v1beta5/params");
      const p = obj(r.params);
      const found = arr(p.bid_min_deposits).map(obj).find((c) => c.denom === denom);
      if (found) return str(found.amount);
      const single = obj(p.bid_min_deposit);
      if (single.denom === denom) return str(single.amount);
    } catch {
      // params unavailable: use the mainnet default below
    }
    return "500000";
  }
}
