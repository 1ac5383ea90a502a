/**
 * A provider's leases: tracking the leases it won (with their inventory), accepting manifests and running
 * their workloads, forwarded ports and ingress hosts, withdrawing earnings, and reconciling with the chain.
 * This is the side of the provider the gateway serves.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type net from "node:net";
import * as v1beta5 from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { ChainRest } from "./chain-rest.ts";
import { NoLeaseError, type GatewayLease } from "./gateway.ts";
import { openForwardedPort, type IngressTarget } from "./ingress.ts";
import type { Inventory } from "./inventory.ts";
import { LeaseSim, isIngressExpose } from "./lease-sim.ts";
import { crossValidate, decodeManifest, verifyManifestVersion, type ManifestGroup } from "./manifest.ts";
import type { TxSender } from "./tx-sender.ts";
import { leaseKey, type GroupSpecView, type LeaseIdView, type OrderIdView } from "./types.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export interface ProviderLeasesOptions {
  name: string;
  address: string;
  hostName: string;
  listenHost: string;
  /** Accepted manifests are kept under `<dataDir>/<name>/manifests/`. */
  dataDir: string;
  /** Multiplier on lease start-up timelines (tests use < 1). */
  timeScale: number;
  logIntervalMs: number;
  chain: ChainRest;
  inventory: Inventory;
  ingressPort: () => number;
  /** Undefined until the provider has connected its signer. */
  tx: () => TxSender | undefined;
  /** The spec of the order the provider bid on, if the bid engine still has it. */
  bidSpec: (key: string) => GroupSpecView | undefined;
  /** The lease now holds the resources its bid had reserved. */
  bidWon: (key: string) => void;
  stats: { withdrawals: number };
  log: (msg: string) => void;
}

interface ProviderLease extends GatewayLease {
  spec: GroupSpecView;
  /** Hex version hash of the manifest running now. */
  version?: string;
  price?: { denom: string; amount: string };
  forwardServers: net.Server[];
  /** When the first manifest accepted for this lease reached the provider (epoch ms, this process' clock). */
  manifestReceivedAt?: number;
}

export class ProviderLeases {
  private readonly leases = new Map<string, ProviderLease>();
  private stopped = false;

  constructor(private readonly opts: ProviderLeasesOptions) {}

  has(key: string): boolean {
    return this.leases.has(key);
  }

  keys(): string[] {
    return [...this.leases.keys()];
  }

  get size(): number {
    return this.leases.size;
  }

  /** Leases whose workload is running (a manifest was accepted). */
  deployedCount(): number {
    return [...this.leases.values()].filter((l) => l.group).length;
  }

  /** An active lease of this provider, only if `owner` owns it. */
  lease(owner: string, dseq: string, gseq: number, oseq: number): GatewayLease | undefined {
    const l = this.leases.get(leaseKey({ owner, dseq, gseq, oseq }));
    return l && l.id.owner === owner ? l : undefined;
  }

  /** Benchmarks: when the provider received the first manifest it accepted for the lease. */
  manifestReceivedAt(id: OrderIdView): number | undefined {
    return this.leases.get(leaseKey(id))?.manifestReceivedAt;
  }

  /** A lease of this provider was created on chain. */
  onLeaseWon(id: LeaseIdView, price?: { denom: string; amount: string }): void {
    const key = leaseKey(id);
    if (this.leases.has(key)) return;
    void this.activate(id, price).catch((e) => this.opts.log(`${this.opts.name}: cannot track lease ${key}: ${getErrorMessage(e)}`));
  }

  private async activate(id: LeaseIdView, price?: { denom: string; amount: string }): Promise<void> {
    const { inventory, log, name } = this.opts;
    const key = leaseKey(id);
    let spec = this.opts.bidSpec(key);
    if (!spec || spec.resources.length === 0) {
      const order = await this.opts.chain.order(id);
      if (!order) throw new Error("order not found");
      spec = order.spec;
    }
    if (this.leases.has(key)) return;
    this.opts.bidWon(key);
    try {
      inventory.reserve(key, spec);
    } catch (e) {
      // Over-committed (e.g. leases won while offline): still serve the lease, but say so.
      log(`${name}: lease ${key} exceeds free inventory: ${getErrorMessage(e)}`);
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
        AKASH_CLUSTER_PUBLIC_HOSTNAME: this.opts.hostName,
      },
    });
    log(`${name}: lease ${key} active`);
    await this.restoreManifest(this.leases.get(key)!);
  }

  private manifestFile(owner: string, dseq: string): string {
    return path.join(this.opts.dataDir, this.opts.name, "manifests", `${owner}-${dseq}.json`);
  }

  /** After a restart: bring back the workload of a lease whose manifest was accepted before. */
  private async restoreManifest(l: ProviderLease): Promise<void> {
    let body: string;
    try {
      body = await readFile(this.manifestFile(l.id.owner, l.id.dseq), "utf8");
    } catch {
      return; // no manifest received yet
    }
    try {
      const { raw, groups } = decodeManifest(body);
      const deployment = await this.opts.chain.deployment(l.id.owner, l.id.dseq);
      if (!deployment) return;
      verifyManifestVersion(raw, deployment.hash);
      const group = crossValidate(groups, l.spec);
      if (!l.sim) {
        await this.deploy(l, group, (raw as unknown[])[groups.indexOf(group)]);
        l.version = Buffer.from(deployment.hash).toString("hex");
      }
    } catch (e) {
      this.opts.log(`${this.opts.name}: saved manifest for ${leaseKey(l.id)} not restored (send it again): ${getErrorMessage(e)}`);
    }
  }

  close(key: string): void {
    const l = this.leases.get(key);
    this.opts.inventory.release(key);
    if (!l) return;
    this.leases.delete(key);
    l.sim?.stop();
    for (const s of l.forwardServers) s.close();
    if (![...this.leases.values()].some((x) => x.id.owner === l.id.owner && x.id.dseq === l.id.dseq)) {
      void rm(this.manifestFile(l.id.owner, l.id.dseq), { force: true }).catch(() => undefined);
    }
    this.opts.log(`${this.opts.name}: lease ${key} closed; inventory freed`);
  }

  /** Track exactly the leases active on chain: close the others, activate the missing ones. Returns the active ones. */
  async reconcile(): Promise<LeaseIdView[]> {
    const active = await this.opts.chain.leases({ provider: this.opts.address, state: "active" });
    const keys = new Set(active.map((l) => leaseKey(l.id)));
    for (const key of [...this.leases.keys()]) if (!keys.has(key)) this.close(key);
    for (const l of active) if (!this.leases.has(leaseKey(l.id))) await this.activate(l.id, l.price).catch(() => undefined);
    return active.map((l) => l.id);
  }

  /** Withdraw earnings of all active leases (one tx) and drop leases closed on chain. */
  async withdrawAndReconcile(): Promise<number> {
    const tx = this.opts.tx();
    if (this.stopped || !tx) return 0;
    try {
      const active = await this.reconcile();
      if (active.length === 0) return 0;
      // One send per lease: the sender batches them into one tx and retries them one by one if it fails.
      const results = await Promise.allSettled(
        active.map((id) => tx.send([{ typeUrl: `/${v1beta5.MsgWithdrawLease.$type}`, value: v1beta5.MsgWithdrawLease.fromPartial({ id }) }], `${this.opts.name} withdraw`)),
      );
      const ok = results.filter((r) => r.status === "fulfilled").length;
      for (const r of results) if (r.status === "rejected") this.opts.log(`${this.opts.name}: withdraw failed: ${getErrorMessage(r.reason)}`);
      this.opts.stats.withdrawals += ok;
      return ok;
    } catch (e) {
      this.opts.log(`${this.opts.name}: withdraw failed: ${getErrorMessage(e)}`);
      return 0;
    }
  }

  /** PUT /deployment/{dseq}/manifest: validate against the chain, then (re)start the workloads of the deployment's leases. */
  async submitManifest(owner: string, dseq: string, body: string): Promise<void> {
    const receivedAt = Date.now();
    const { chain, address } = this.opts;
    let mine = [...this.leases.values()].filter((l) => l.id.owner === owner && l.id.dseq === dseq);
    if (mine.length === 0) {
      // The lease event may not have arrived yet: ask the chain.
      const onChain = await chain.leases({ owner, dseq, provider: address, state: "active" });
      for (const l of onChain) await this.activate(l.id, l.price);
      mine = [...this.leases.values()].filter((l) => l.id.owner === owner && l.id.dseq === dseq);
    }
    if (mine.length === 0) throw new NoLeaseError();
    const { raw, groups } = decodeManifest(body);
    const deployment = await chain.deployment(owner, dseq);
    if (!deployment) throw new NoLeaseError();
    verifyManifestVersion(raw, deployment.hash);
    const accepted: [ProviderLease, ManifestGroup, unknown][] = [];
    for (const l of mine) {
      const group = crossValidate(groups, l.spec);
      accepted.push([l, group, (raw as unknown[])[groups.indexOf(group)]]);
    }
    const version = Buffer.from(deployment.hash).toString("hex");
    for (const [l, group, rawGroup] of accepted) {
      l.manifestReceivedAt ??= receivedAt;
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
  private async deploy(l: ProviderLease, group: ManifestGroup, rawGroup: unknown): Promise<void> {
    const generation = (l.sim?.generation ?? 0) + 1;
    l.sim?.stop();
    for (const s of l.forwardServers.splice(0)) s.close();
    const forwardedPorts = new Map<string, number>();
    for (const s of group.services) {
      for (const e of s.expose) {
        if (!e.global || e.ip || isIngressExpose(e) || e.proto.toUpperCase() !== "TCP") continue;
        const server = await openForwardedPort(this.opts.listenHost, s.name, e.port, l.id);
        l.forwardServers.push(server);
        forwardedPorts.set(`${s.name}:${e.port}:TCP`, (server.address() as net.AddressInfo).port);
      }
    }
    const alloc = this.opts.inventory.get(leaseKey(l.id));
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
      hostName: this.opts.hostName,
      ingressPort: this.opts.ingressPort(),
      ips,
      forwardedPorts,
      timeScale: this.opts.timeScale,
      logIntervalMs: this.opts.logIntervalMs,
      generation,
    });
    l.sim.start();
    this.opts.log(`${this.opts.name}: manifest accepted for lease ${leaseKey(l.id)} (${group.services.map((s) => `${s.name}=${s.image}`).join(", ")})`);
  }

  /** The running service an ingress host name routes to. */
  findIngress(host: string): IngressTarget | undefined {
    for (const l of this.leases.values()) {
      const svc = l.sim?.ingressHosts.get(host);
      if (svc && l.sim && l.group) {
        const service = l.group.services.find((s) => s.name === svc);
        if (service) return { leaseId: l.id, sim: l.sim, service };
      }
    }
    return undefined;
  }

  /** Stops every workload and forwarded port (the leases stay on chain). */
  stop(): void {
    this.stopped = true;
    for (const l of this.leases.values()) {
      l.sim?.stop();
      for (const s of l.forwardServers) s.close();
    }
  }
}
