/**
 * One simulated Akash provider: its key and on-chain registration (provider, certificate, audit), its
 * gateway and ingress servers, and the chain events it routes to its bid engine (bidder.ts) and its
 * leases (leases.ts).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { X509Certificate } from "node:crypto";
import path from "node:path";
import { certificateManager, type CertificatePem } from "@akashnetwork/chain-sdk";
import * as v1 from "@akashnetwork/chain-sdk/private-types/akash.v1";
import * as v1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { EncodeObject, OfflineSigner } from "@cosmjs/proto-signing";
import { Bidder } from "./bidder.ts";
import { ChainRest } from "./chain-rest.ts";
import { ProviderGateway, type GatewayBackend, type GatewayLease, type OfflineMode } from "./gateway.ts";
import { Ingress } from "./ingress.ts";
import { Inventory } from "./inventory.ts";
import { ProviderLeases } from "./leases.ts";
import { providerAttributes, type ProviderProfile } from "./profiles.ts";
import { providerStatus } from "./status.ts";
import { TxSender } from "./tx-sender.ts";
import { leaseKey, type Attribute, type LeaseIdView, type OrderIdView } from "./types.ts";
import { getErrorMessage } from "../../shared/errors.ts";

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

const sameAttrs = (a: Attribute[], b: Attribute[]) =>
  a.length === b.length && [...a].sort((x, y) => x.key.localeCompare(y.key)).every((x, i) => {
    const y = [...b].sort((p, q) => p.key.localeCompare(q.key))[i]!;
    return x.key === y.key && x.value === y.value;
  });

export class SimulatedProvider implements GatewayBackend {
  readonly chain: ChainRest;
  readonly inventory: Inventory;
  readonly hostName: string;
  private readonly bidder: Bidder;
  private readonly leases: ProviderLeases;
  private gateway: ProviderGateway | undefined;
  private readonly ingress: Ingress;
  private tx: TxSender | undefined;
  private withdrawTimer: NodeJS.Timeout | undefined;
  private online = true;
  private stopped = false;
  private cert: CertificatePem | undefined;
  readonly stats = { ordersSeen: 0, bidsSent: 0, bidsSkipped: 0, bidErrors: 0, withdrawals: 0 };

  constructor(
    readonly address: string,
    private readonly signer: OfflineSigner,
    readonly config: ProviderConfig,
  ) {
    this.chain = new ChainRest(config.restUrl);
    this.inventory = new Inventory(config.profile.capacity);
    this.hostName = `${config.profile.name}.localhost`;
    const { name } = config.profile;
    const tx = () => this.tx;
    this.bidder = new Bidder({
      name,
      address,
      profile: config.profile,
      bidDelayMs: config.bidDelayMs,
      bidDepositDenom: config.bidDepositDenom,
      chain: this.chain,
      inventory: this.inventory,
      tx,
      isOnline: () => this.online,
      hasLease: (key) => this.leases.has(key),
      stats: this.stats,
      log: config.log,
    });
    this.leases = new ProviderLeases({
      name,
      address,
      hostName: this.hostName,
      listenHost: config.listenHost,
      dataDir: config.dataDir,
      timeScale: config.timeScale,
      logIntervalMs: config.logIntervalMs,
      chain: this.chain,
      inventory: this.inventory,
      ingressPort: () => this.ingress.port,
      tx,
      bidSpec: (key) => this.bidder.specOf(key),
      bidWon: (key) => this.bidder.handOver(key),
      stats: this.stats,
      log: config.log,
    });
    this.ingress = new Ingress(name, (h) => this.leases.findIngress(h), () => this.online);
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
    this.withdrawTimer = setInterval(() => void this.leases.withdrawAndReconcile(), this.config.withdrawIntervalMs);
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
    this.bidder.attributes = attributes;
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
    this.bidder.audits = await this.chain.auditRecords(this.address);
  }

  refreshAudits(): Promise<void> {
    return this.bidder.refreshAudits();
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
    if (online && !wasOnline && this.tx) void this.resync().catch((e) => this.config.log(`${this.name}: resync failed: ${getErrorMessage(e)}`));
  }

  // ---- chain events ----

  onOrdersCreated(ids: OrderIdView[]): void {
    this.bidder.onOrdersCreated(ids);
  }

  onOrderClosed(id: OrderIdView): void {
    this.bidder.onOrderClosed(id);
  }

  onLeaseCreated(id: LeaseIdView, price?: { denom: string; amount: string }): void {
    if (id.provider === this.address) this.leases.onLeaseWon(id, price);
    else this.bidder.onLost(id);
  }

  onLeaseClosed(id: LeaseIdView): void {
    if (id.provider !== this.address) return;
    this.leases.close(leaseKey(id));
  }

  /** After (re)connecting the subscription: scan open orders once and reconcile leases. */
  async resync(): Promise<void> {
    if (this.stopped) return;
    const [orders, bidOn] = await Promise.all([this.chain.openOrders(), this.chain.openBidOrders(this.address)]);
    this.bidder.resync(orders, bidOn);
    await this.leases.reconcile();
  }

  /** Withdraw earnings of all active leases (one tx) and drop leases closed on chain. */
  withdrawAndReconcile(): Promise<number> {
    return this.leases.withdrawAndReconcile();
  }

  /** Benchmarks: when this provider received the first manifest it accepted for the lease (epoch ms). */
  manifestReceivedAt(id: OrderIdView): number | undefined {
    return this.leases.manifestReceivedAt(id);
  }

  // ---- gateway backend ----

  lease(owner: string, dseq: string, gseq: number, oseq: number): GatewayLease | undefined {
    return this.leases.lease(owner, dseq, gseq, oseq);
  }

  submitManifest(owner: string, dseq: string, body: string): Promise<void> {
    return this.leases.submitManifest(owner, dseq, body);
  }

  status(): unknown {
    return providerStatus({
      address: this.address,
      hostName: this.hostName,
      profile: this.config.profile,
      online: this.online,
      inventory: this.inventory,
      leaseKeys: this.leases.keys(),
      pendingBidReservations: this.bidder.keys().map((k) => this.bidder.reservation(k)),
      ordersBeingDecided: this.bidder.pendingCount(),
      deployedLeases: this.leases.deployedCount(),
      stats: this.stats,
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.withdrawTimer) clearInterval(this.withdrawTimer);
    this.bidder.stop();
    this.leases.stop();
    await Promise.allSettled([this.gateway?.close(), this.ingress.close()]);
    this.tx?.disconnect();
  }
}
