/**
 * One simulated Akash provider: its key, on-chain registration (provider, certificate, audit),
 * bidding on matching orders, lease tracking with inventory reservations, manifest handling,
 * lease workloads, earnings withdrawal, and its gateway and ingress servers.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { X509Certificate } from "node:crypto";
import path from "node:path";
import type net from "node:net";
import { certificateManager, type CertificatePem } from "@akashnetwork/chain-sdk";
import * as v1 from "@akashnetwork/chain-sdk/private-types/akash.v1";
import * as v1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import * as v1beta5 from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { ChainRest } from "./chain-rest.ts";
import { TxSender } from "./tx-sender.ts";
import { ProviderGateway, NoLeaseError, type GatewayBackend, type GatewayLease, type OfflineMode } from "./gateway.ts";
import { Ingress, openForwardedPort, type IngressTarget } from "./ingress.ts";
import { Inventory, InsufficientCapacity } from "./inventory.ts";
import { LeaseSim, isIngressExpose } from "./lease-sim.ts";
import { crossValidate, decodeManifest, verifyManifestVersion, type ManifestGroup } from "./manifest.ts";
import { matchOrder, type AuditRecord } from "./matching.ts";
import { PricingError, formatPrice, orderMaxPrice, scalePrice } from "./pricing.ts";
import { providerAttributes, type ProviderProfile } from "./profiles.ts";
import { leaseKey, type Attribute, type GroupSpecView, type LeaseIdView, type OrderIdView, type ResourceUnitSpec } from "./types.ts";

export interface ProviderConfig {
  profile: ProviderProfile;
  rpcUrl: string;
  restUrl: string;
  chainId: string;
  /** Listen address (loopback). */
  listenHost: string;
  gatewayPort: number;
  ingressPort: number;
  dataDir: string;
  bidDelayMs: number;
  withdrawIntervalMs: number;
  bidDepositDenom: string;
  gasPrice: string;
  /** Multiplier on lease start-up timelines (tests use < 1). */
  timeScale: number;
  logIntervalMs: number;
  log: (msg: string) => void;
}

interface LeaseRecord extends GatewayLease {
  spec: GroupSpecView;
  /** Hex version hash of the manifest running now. */
  version?: string;
  price?: { denom: string; amount: string };
  forwardServers: net.Server[];
}

interface PreparedBid {
  id: OrderIdView;
  spec: GroupSpecView;
  price: bigint;
  denom: string;
  deposit: string;
}

const EMPTY_SPEC: GroupSpecView = { name: "", signedBy: { allOf: [], anyOf: [] }, attributes: [], resources: [] };

const enc = (n: number) => ({ val: new TextEncoder().encode(String(n)) });

/** Proto Resources for a bid's resources_offer, mirroring the order's unit exactly. */
function toProtoResources(ru: ResourceUnitSpec) {
  const kinds = { SHARED_HTTP: 0, RANDOM_PORT: 1, LEASED_IP: 2 } as const;
  return {
    id: ru.id,
    cpu: { units: enc(ru.cpuMillis), attributes: ru.cpuAttributes },
    memory: { quantity: enc(ru.memoryBytes), attributes: ru.memoryAttributes },
    storage: ru.storage.map((s) => ({ name: s.name, quantity: enc(s.bytes), attributes: s.attributes })),
    gpu: { units: enc(ru.gpuUnits), attributes: ru.gpuAttributes },
    endpoints: ru.endpoints.map((e) => ({ kind: kinds[e.kind], sequenceNumber: e.sequenceNumber })),
  };
}

const sameAttrs = (a: Attribute[], b: Attribute[]) =>
  a.length === b.length && [...a].sort((x, y) => x.key.localeCompare(y.key)).every((x, i) => {
    const y = [...b].sort((p, q) => p.key.localeCompare(q.key))[i]!;
    return x.key === y.key && x.value === y.value;
  });

export class SimulatedProvider implements GatewayBackend {
  readonly chain: ChainRest;
  readonly inventory: Inventory;
  readonly hostName: string;
  private readonly leases = new Map<string, LeaseRecord>();
  /** Orders bid on (or being priced), with the pending reservation key. */
  private readonly bids = new Map<string, { spec: GroupSpecView; state: "pending" | "sent" }>();
  private gateway: ProviderGateway | undefined;
  private readonly ingress: Ingress;
  private tx: TxSender | undefined;
  private withdrawTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private onChainAttributes: Attribute[] = [];
  private audits: AuditRecord[] = [];
  private online = true;
  private stopped = false;
  private cert: CertificatePem | undefined;
  readonly stats = { ordersSeen: 0, bidsSent: 0, bidsSkipped: 0, bidErrors: 0, withdrawals: 0 };

  constructor(
    readonly address: string,
    private readonly signer: import("@cosmjs/proto-signing").OfflineSigner,
    readonly config: ProviderConfig,
  ) {
    this.chain = new ChainRest(config.restUrl);
    this.inventory = new Inventory(config.profile.capacity);
    this.hostName = `${config.profile.name}.localhost`;
    this.ingress = new Ingress(config.profile.name, (h) => this.findIngress(h), () => this.online);
  }

  get name(): string {
    return this.config.profile.name;
  }

  get hostUri(): string {
    return `https://${this.hostName}:${this.gatewayPort}`;
  }

  get gatewayPort(): number {
    return this.gateway?.port ?? 0;
  }

  get ingressPort(): number {
    return this.ingress.port;
  }

  get certificatePem(): string {
    return this.cert?.cert ?? "";
  }

  /** Load or create the TLS/on-chain certificate, start servers, register on chain. */
  async start(): Promise<void> {
    this.cert = await this.loadCertificate();
    // The gateway's TLS certificate is exactly the one registered on chain.
    this.gateway = new ProviderGateway({
      host: this.config.listenHost,
      port: this.config.gatewayPort,
      cert: this.cert.cert,
      key: this.cert.privateKey,
      backend: this,
    });
    await this.gateway.listen();
    await this.ingress.listen(this.config.listenHost, this.config.ingressPort);
    this.tx = await TxSender.connect(this.config.rpcUrl, this.signer, this.config.gasPrice);
    await this.register();
    this.withdrawTimer = setInterval(() => void this.withdrawAndReconcile(), this.config.withdrawIntervalMs);
  }

  private async loadCertificate(): Promise<CertificatePem> {
    const dir = path.join(this.config.dataDir, this.name);
    const file = path.join(dir, "certificate.json");
    await mkdir(dir, { recursive: true });
    try {
      const saved = JSON.parse(await readFile(file, "utf8")) as CertificatePem;
      const x = new X509Certificate(saved.cert);
      const cn = x.subject.replace(/^CN=/, "");
      if (cn === this.address && new Date(x.validTo).getTime() > Date.now() + 7 * 86400_000) {
        const serial = BigInt("0x" + x.serialNumber).toString(10);
        const onChain = await this.chain.certificate(this.address, serial).catch(() => null);
        if (!onChain || onChain.state === "valid") return saved;
        this.config.log(`${this.name}: saved certificate ${serial} was revoked on chain; generating a new one`);
      }
    } catch {
      // no usable saved certificate
    }
    const fresh = await certificateManager.generatePEM(this.address);
    await writeFile(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
    return fresh;
  }

  /** MsgCreateCertificate if the cert is not on chain; MsgCreateProvider or MsgUpdateProvider as needed. */
  private async register(): Promise<void> {
    const msgs: EncodeObject[] = [];
    const x = new X509Certificate(this.cert!.cert);
    const serial = BigInt("0x" + x.serialNumber).toString(10);
    const onChainCert = await this.chain.certificate(this.address, serial);
    if (!onChainCert) {
      msgs.push({
        typeUrl: `/${v1.MsgCreateCertificate.$type}`,
        value: v1.MsgCreateCertificate.fromPartial({ owner: this.address, cert: new TextEncoder().encode(this.cert!.cert), pubkey: new TextEncoder().encode(this.cert!.publicKey) }),
      });
    }
    const p = this.config.profile;
    const attributes = providerAttributes(p);
    const desired = { owner: this.address, hostUri: this.hostUri, attributes, info: { email: p.email, website: p.website } };
    const existing = await this.chain.provider(this.address);
    if (!existing) msgs.push({ typeUrl: `/${v1beta4.MsgCreateProvider.$type}`, value: v1beta4.MsgCreateProvider.fromPartial(desired) });
    else if (existing.hostUri !== this.hostUri || !sameAttrs(existing.attributes, attributes)) {
      msgs.push({ typeUrl: `/${v1beta4.MsgUpdateProvider.$type}`, value: v1beta4.MsgUpdateProvider.fromPartial(desired) });
    }
    if (msgs.length) {
      await this.tx!.send(msgs, `${this.name} registration`);
      this.config.log(`${this.name}: registered ${msgs.map((m) => m.typeUrl.split(".").pop()).join(", ")} (${this.hostUri})`);
    }
    this.onChainAttributes = attributes;
  }

  /** Have the devnet auditor sign this provider's attributes (if not yet signed as they are now). */
  async ensureAudited(auditor: TxSender): Promise<void> {
    const attributes = providerAttributes(this.config.profile);
    const records = await this.chain.auditRecords(this.address);
    const mine = records.find((r) => r.auditor === auditor.address);
    if (!mine || !sameAttrs(mine.attributes, attributes)) {
      await auditor.send([{ typeUrl: `/${v1.MsgSignProviderAttributes.$type}`, value: v1.MsgSignProviderAttributes.fromPartial({ owner: this.address, auditor: auditor.address, attributes }) }]);
      this.config.log(`${this.name}: attributes signed by auditor ${auditor.address}`);
    }
    this.audits = await this.chain.auditRecords(this.address);
  }

  async refreshAudits(): Promise<void> {
    this.audits = await this.chain.auditRecords(this.address).catch(() => this.audits);
  }

  isOnline(): boolean {
    return this.online;
  }

  setOnline(online: boolean, mode: OfflineMode = "refuse"): void {
    const wasOnline = this.online;
    this.online = online;
    this.gateway?.setOnline(online, mode);
    this.config.log(`${this.name}: ${online ? "online" : `offline (${mode})`}`);
    // Back online: catch up with orders and leases missed meanwhile, like a provider that restarts.
    if (online && !wasOnline && this.tx) void this.resync().catch((e) => this.config.log(`${this.name}: resync failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  // ---- bidding ----

  /**
   * New orders (from one tx event, or the startup scan): decide and price each, then — once the bid delay
   * has passed since they were seen — send all bids together so they share one tx and one block.
   */
  onOrdersCreated(ids: OrderIdView[]): void {
    if (this.stopped || !this.online) return;
    const seenAt = Date.now();
    const fresh = ids.filter((id) => {
      const key = leaseKey(id);
      if (this.bids.has(key) || this.leases.has(key)) return false;
      this.bids.set(key, { spec: EMPTY_SPEC, state: "pending" });
      this.stats.ordersSeen++;
      return true;
    });
    if (fresh.length === 0) return;
    void (async () => {
      const decided = await Promise.all(fresh.map((id) => this.decide(id).catch((e) => this.bidFailed(id, e))));
      const bids = decided.filter((d): d is PreparedBid => !!d);
      if (bids.length === 0) return;
      const wait = seenAt + this.config.bidDelayMs * this.config.profile.bidDelayFactor - Date.now();
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            this.timers.delete(t);
            resolve();
          }, wait);
          this.timers.add(t);
        });
      }
      if (this.stopped) return;
      await Promise.all(bids.map((b) => this.sendBid(b, seenAt).catch((e) => this.bidFailed(b.id, e))));
    })().catch((e) => this.config.log(`${this.name}: bidding failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  private bidFailed(id: OrderIdView, e: unknown): undefined {
    const key = leaseKey(id);
    if (!this.leases.has(key)) {
      this.bids.delete(key);
      this.inventory.release(`pending:${key}`);
    }
    this.stats.bidErrors++;
    this.config.log(`${this.name}: bid on ${key} failed: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }

  /** Match, reserve (pending) and price one order; undefined = not bidding. */
  private async decide(id: OrderIdView): Promise<PreparedBid | undefined> {
    const key = leaseKey(id);
    const order = await this.chain.order(id);
    if (!order || order.state !== "open") {
      this.bids.delete(key);
      return undefined;
    }
    const skip = (why: string) => {
      this.bids.delete(key);
      this.inventory.release(`pending:${key}`);
      this.stats.bidsSkipped++;
      this.config.log(`${this.name}: not bidding on ${key}: ${why}`);
      return undefined;
    };
    if (!this.bids.has(key)) return undefined; // order closed meanwhile
    if (order.spec.signedBy.allOf.length || order.spec.signedBy.anyOf.length) await this.refreshAudits();
    const match = matchOrder(order.spec, this.config.profile, this.onChainAttributes, this.audits);
    if (!match.ok) return skip(match.reason);
    let alloc;
    try {
      alloc = this.inventory.reserve(`pending:${key}`, order.spec);
    } catch (e) {
      if (e instanceof InsufficientCapacity) return skip(e.message);
      throw e;
    }
    const max = orderMaxPrice(order.spec);
    let price: bigint;
    try {
      price = scalePrice(this.config.profile.pricing, order.spec, (ru) => alloc.gpuModelByUnit[ru.id]);
    } catch (e) {
      if (e instanceof PricingError) return skip(e.message);
      throw e;
    }
    if (price > max.amount) return skip(`price ${formatPrice(price)}${max.denom} is above the order's max ${formatPrice(max.amount)}${max.denom}`);
    const deposit = await this.chain.bidMinDeposit(this.config.bidDepositDenom);
    this.bids.set(key, { spec: order.spec, state: "pending" });
    return { id, spec: order.spec, price, denom: max.denom, deposit };
  }

  private async sendBid(b: PreparedBid, seenAt: number): Promise<void> {
    const key = leaseKey(b.id);
    if (!this.online || !this.bids.has(key)) {
      this.bids.delete(key);
      this.inventory.release(`pending:${key}`);
      return;
    }
    const msg = v1beta5.MsgCreateBid.fromPartial({
      id: { owner: b.id.owner, dseq: b.id.dseq, gseq: b.id.gseq, oseq: b.id.oseq, provider: this.address, bseq: 0 },
      price: { denom: b.denom, amount: formatPrice(b.price) },
      deposit: { amount: { denom: this.config.bidDepositDenom, amount: b.deposit }, sources: [v1.Source.balance] },
      resourcesOffer: b.spec.resources.map((ru) => ({ resources: toProtoResources(ru), count: ru.count })),
    });
    const included = await this.tx!.send([{ typeUrl: `/${v1beta5.MsgCreateBid.$type}`, value: msg }]);
    if (this.bids.has(key)) this.bids.set(key, { spec: b.spec, state: "sent" });
    this.stats.bidsSent++;
    this.config.log(`${this.name}: bid ${formatPrice(b.price)}${b.denom}/block on ${key} (height ${included.height}, ${Date.now() - seenAt} ms after the order was seen)`);
  }

  /** The order closed (deployment/group closed, or leased): drop our pending bid reservation. */
  onOrderClosed(id: OrderIdView): void {
    const key = leaseKey(id);
    if (this.leases.has(key)) return;
    if (this.bids.delete(key)) this.inventory.release(`pending:${key}`);
  }

  // ---- leases ----

  onLeaseCreated(id: LeaseIdView, price?: { denom: string; amount: string }): void {
    const key = leaseKey(id);
    if (id.provider !== this.address) {
      // Another provider won: our bid is lost, release the pending reservation.
      if (this.bids.delete(key)) this.inventory.release(`pending:${key}`);
      return;
    }
    if (this.leases.has(key)) return;
    void this.activateLease(id, price).catch((e) => this.config.log(`${this.name}: cannot track lease ${key}: ${e instanceof Error ? e.message : String(e)}`));
  }

  private async activateLease(id: LeaseIdView, price?: { denom: string; amount: string }): Promise<void> {
    const key = leaseKey(id);
    let spec = this.bids.get(key)?.spec;
    if (!spec || spec.resources.length === 0) {
      const order = await this.chain.order(id);
      if (!order) throw new Error("order not found");
      spec = order.spec;
    }
    if (this.leases.has(key)) return;
    this.inventory.release(`pending:${key}`);
    this.bids.delete(key);
    try {
      this.inventory.reserve(key, spec);
    } catch (e) {
      // Over-committed (e.g. leases won while offline): still serve the lease, but say so.
      this.config.log(`${this.name}: lease ${key} exceeds free inventory: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.leases.set(key, {
      id,
      spec,
      price,
      forwardServers: [],
      providerEnv: {
        AKASH_OWNER: id.owner,
        AKASH_PROVIDER: id.provider,
        AKASH_DEPLOYMENT_SEQUENCE: id.dseq,
        AKASH_GROUP_SEQUENCE: String(id.gseq),
        AKASH_ORDER_SEQUENCE: String(id.oseq),
        AKASH_CLUSTER_PUBLIC_HOSTNAME: this.hostName,
      },
    });
    this.config.log(`${this.name}: lease ${key} active`);
    await this.restoreManifest(this.leases.get(key)!);
  }

  private manifestFile(owner: string, dseq: string): string {
    return path.join(this.config.dataDir, this.name, "manifests", `${owner}-${dseq}.json`);
  }

  /** After a restart: bring back the workload of a lease whose manifest was accepted before. */
  private async restoreManifest(l: LeaseRecord): Promise<void> {
    let body: string;
    try {
      body = await readFile(this.manifestFile(l.id.owner, l.id.dseq), "utf8");
    } catch {
      return; // no manifest received yet
    }
    try {
      const { raw, groups } = decodeManifest(body);
      const deployment = await this.chain.deployment(l.id.owner, l.id.dseq);
      if (!deployment) return;
      verifyManifestVersion(raw, deployment.hash);
      const group = crossValidate(groups, l.spec);
      if (!l.sim) {
        await this.deploy(l, group, (raw as unknown[])[groups.indexOf(group)]);
        l.version = Buffer.from(deployment.hash).toString("hex");
      }
    } catch (e) {
      this.config.log(`${this.name}: saved manifest for ${leaseKey(l.id)} not restored (send it again): ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  onLeaseClosed(id: LeaseIdView): void {
    if (id.provider !== this.address) return;
    this.closeLease(leaseKey(id));
  }

  private closeLease(key: string): void {
    const l = this.leases.get(key);
    this.inventory.release(key);
    if (!l) return;
    this.leases.delete(key);
    l.sim?.stop();
    for (const s of l.forwardServers) s.close();
    if (![...this.leases.values()].some((x) => x.id.owner === l.id.owner && x.id.dseq === l.id.dseq)) {
      void rm(this.manifestFile(l.id.owner, l.id.dseq), { force: true }).catch(() => undefined);
    }
    this.config.log(`${this.name}: lease ${key} closed; inventory freed`);
  }

  /** After (re)connecting the subscription: scan open orders once and reconcile leases. */
  async resync(): Promise<void> {
    if (this.stopped) return;
    const [orders, bidOn] = await Promise.all([this.chain.openOrders(), this.chain.openBidOrders(this.address)]);
    const open = new Set(orders.map((o) => leaseKey(o.id)));
    for (const [key, b] of this.bids) {
      if (b.state === "sent" && !open.has(key) && !this.leases.has(key)) {
        this.bids.delete(key);
        this.inventory.release(`pending:${key}`);
      }
    }
    // Orders already bid on (e.g. before a restart): hold their resources again instead of bidding twice.
    const alreadyBid = new Set(bidOn.map(leaseKey));
    for (const o of orders) {
      const key = leaseKey(o.id);
      if (!alreadyBid.has(key) || this.bids.has(key)) continue;
      try {
        this.inventory.reserve(`pending:${key}`, o.spec);
      } catch {
        // over-committed: the bid stands anyway
      }
      this.bids.set(key, { spec: o.spec, state: "sent" });
    }
    this.onOrdersCreated(orders.filter((o) => !alreadyBid.has(leaseKey(o.id))).map((o) => o.id));
    await this.reconcileLeases();
  }

  private async reconcileLeases(): Promise<LeaseIdView[]> {
    const active = await this.chain.leases({ provider: this.address, state: "active" });
    const keys = new Set(active.map((l) => leaseKey(l.id)));
    for (const key of [...this.leases.keys()]) if (!keys.has(key)) this.closeLease(key);
    for (const l of active) if (!this.leases.has(leaseKey(l.id))) await this.activateLease(l.id, l.price).catch(() => undefined);
    return active.map((l) => l.id);
  }

  /** Withdraw earnings of all active leases (one tx) and drop leases closed on chain. */
  async withdrawAndReconcile(): Promise<number> {
    if (this.stopped || !this.tx) return 0;
    try {
      const active = await this.reconcileLeases();
      if (active.length === 0) return 0;
      // One send per lease: the sender batches them into one tx and retries them one by one if it fails.
      const results = await Promise.allSettled(
        active.map((id) => this.tx!.send([{ typeUrl: `/${v1beta5.MsgWithdrawLease.$type}`, value: v1beta5.MsgWithdrawLease.fromPartial({ id }) }], `${this.name} withdraw`)),
      );
      const ok = results.filter((r) => r.status === "fulfilled").length;
      for (const r of results) if (r.status === "rejected") this.config.log(`${this.name}: withdraw failed: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
      this.stats.withdrawals += ok;
      return ok;
    } catch (e) {
      this.config.log(`${this.name}: withdraw failed: ${e instanceof Error ? e.message : String(e)}`);
      return 0;
    }
  }

  // ---- gateway backend ----

  lease(owner: string, dseq: string, gseq: number, oseq: number): GatewayLease | undefined {
    const l = this.leases.get(leaseKey({ owner, dseq, gseq, oseq }));
    return l && l.id.owner === owner ? l : undefined;
  }

  async submitManifest(owner: string, dseq: string, body: string): Promise<void> {
    let mine = [...this.leases.values()].filter((l) => l.id.owner === owner && l.id.dseq === dseq);
    if (mine.length === 0) {
      // The lease event may not have arrived yet: ask the chain.
      const onChain = await this.chain.leases({ owner, dseq, provider: this.address, state: "active" });
      for (const l of onChain) await this.activateLease(l.id, l.price);
      mine = [...this.leases.values()].filter((l) => l.id.owner === owner && l.id.dseq === dseq);
    }
    if (mine.length === 0) throw new NoLeaseError();
    const { raw, groups } = decodeManifest(body);
    const deployment = await this.chain.deployment(owner, dseq);
    if (!deployment) throw new NoLeaseError();
    verifyManifestVersion(raw, deployment.hash);
    const accepted: [LeaseRecord, ManifestGroup, unknown][] = [];
    for (const l of mine) {
      const group = crossValidate(groups, l.spec);
      accepted.push([l, group, (raw as unknown[])[groups.indexOf(group)]]);
    }
    const version = Buffer.from(deployment.hash).toString("hex");
    for (const [l, group, rawGroup] of accepted) {
      // Re-sending the running manifest (the console retries) changes nothing.
      if (l.sim && l.version === version) continue;
      await this.deploy(l, group, rawGroup);
      l.version = version;
    }
    // Kept so a restarted provider brings the workload back (a real provider's cluster keeps running).
    const file = this.manifestFile(owner, dseq);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }

  /** Start (or restart, on a manifest update) the lease's workload. */
  private async deploy(l: LeaseRecord, group: ManifestGroup, rawGroup: unknown): Promise<void> {
    const generation = (l.sim?.generation ?? 0) + 1;
    l.sim?.stop();
    for (const s of l.forwardServers.splice(0)) s.close();
    const forwardedPorts = new Map<string, number>();
    for (const s of group.services) {
      for (const e of s.expose) {
        if (!e.global || e.ip || isIngressExpose(e) || e.proto.toUpperCase() !== "TCP") continue;
        const server = await openForwardedPort(this.config.listenHost, s.name, e.port, l.id);
        l.forwardServers.push(server);
        forwardedPorts.set(`${s.name}:${e.port}:TCP`, (server.address() as net.AddressInfo).port);
      }
    }
    const alloc = this.inventory.get(leaseKey(l.id));
    const ipSeqs = [...new Set(group.services.flatMap((s) => s.expose.filter((e) => e.ip).map((e) => e.endpointSequenceNumber)))].sort((a, b) => a - b);
    const ips = new Map<number, string>();
    ipSeqs.forEach((seq, i) => {
      const ip = alloc?.ips[i];
      if (ip) ips.set(seq, ip);
    });
    l.group = group;
    l.manifestRaw = rawGroup;
    l.sim = new LeaseSim({
      leaseId: l.id,
      group,
      hostName: this.hostName,
      ingressPort: this.ingress.port,
      ips,
      forwardedPorts,
      timeScale: this.config.timeScale,
      logIntervalMs: this.config.logIntervalMs,
      generation,
    });
    l.sim.start();
    this.config.log(`${this.name}: manifest accepted for lease ${leaseKey(l.id)} (${group.services.map((s) => `${s.name}=${s.image}`).join(", ")})`);
  }

  private findIngress(host: string): IngressTarget | undefined {
    for (const l of this.leases.values()) {
      const svc = l.sim?.ingressHosts.get(host);
      if (svc && l.sim && l.group) {
        const service = l.group.services.find((s) => s.name === svc);
        if (service) return { leaseId: l.id, sim: l.sim, service };
      }
    }
    return undefined;
  }

  status(): unknown {
    const cap = this.inventory.capacity;
    const avail = this.inventory.available();
    const used = this.inventory.used();
    const active = [...this.leases.keys()].map((k) => this.inventory.get(k)).filter((a) => !!a);
    const pending = [...this.bids.keys()].map((k) => this.inventory.get(`pending:${k}`)).filter((a) => !!a);
    const unit = (a: { cpuMillis: number; memoryBytes: number; storage: Record<string, number>; gpus: Record<string, number> }) => ({
      cpu: a.cpuMillis,
      gpu: Object.values(a.gpus).reduce((n, v) => n + v, 0),
      memory: a.memoryBytes,
      storage_ephemeral: a.storage.ephemeral ?? 0,
    });
    const p = this.config.profile;
    return {
      cluster: {
        leases: this.leases.size,
        inventory: {
          active: active.map(unit),
          pending: pending.map(unit),
          available: {
            nodes: [
              {
                name: "node-1",
                allocatable: { cpu: cap.cpuMillis, gpu: cap.gpus.reduce((n, g) => n + g.units, 0), memory: cap.memoryBytes, storage_ephemeral: cap.storage.ephemeral ?? 0 },
                available: { cpu: avail.cpuMillis, gpu: avail.gpus.reduce((n, g) => n + g.units, 0), memory: avail.memoryBytes, storage_ephemeral: avail.storage.ephemeral ?? 0 },
              },
            ],
            storage: Object.entries(avail.storage)
              .filter(([cls]) => cls !== "ephemeral")
              .map(([cls, size]) => ({ class: cls, size })),
          },
        },
      },
      bidengine: { orders: [...this.bids.values()].filter((b) => b.state === "pending").length },
      manifest: { deployments: [...this.leases.values()].filter((l) => l.group).length },
      cluster_public_hostname: this.hostName,
      address: this.address,
      // Devnet extension (not part of the real provider API): the provider's published scale-strategy prices
      // and a detailed inventory, so a console can estimate costs before bidding completes.
      devnet: {
        name: p.name,
        online: this.online,
        pricing: {
          strategy: "scale",
          units: {
            cpu: "per millicpu per block",
            memory: "per MiB per block",
            storage: "per MiB per block, by class (ephemeral = non-persistent)",
            endpoint: "per endpoint per block",
            ip: "per leased IP per block",
            gpu: "per GPU per block, by model (* = other models)",
          },
          denom: "the order's price denom",
          ...p.pricing,
        },
        inventory: {
          capacity: { cpu: cap.cpuMillis, memory: cap.memoryBytes, storage: cap.storage, gpus: cap.gpus, ips: cap.ips.length },
          used: { cpu: used.cpuMillis, memory: used.memoryBytes, storage: used.storage, gpus: used.gpus, ips: used.ips.length },
          available: { cpu: avail.cpuMillis, memory: avail.memoryBytes, storage: avail.storage, gpus: avail.gpus.map((g) => ({ model: g.model, vendor: g.vendor, ram: g.ram, interface: g.interface, units: g.units })), ips: avail.ips.length },
        },
        stats: this.stats,
      },
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.withdrawTimer) clearInterval(this.withdrawTimer);
    for (const t of this.timers) clearTimeout(t);
    for (const key of [...this.leases.keys()]) {
      const l = this.leases.get(key)!;
      l.sim?.stop();
      for (const s of l.forwardServers) s.close();
    }
    await Promise.allSettled([this.gateway?.close(), this.ingress.close()]);
    this.tx?.disconnect();
  }
}
