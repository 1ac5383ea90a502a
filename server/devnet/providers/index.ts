/**
 * Simulated Akash providers for the devnet: `startProviders` brings up N real on-chain providers
 * (own keys, certificates, attributes, audited provider-1), one event subscription for orders and
 * leases, and a loopback admin endpoint to take providers offline.
 */
import http from "node:http";
import type net from "node:net";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { stringToPath } from "@cosmjs/crypto";
import { AUDITOR_MNEMONIC, MIN_GAS_PRICE, PROVIDER_MNEMONIC, providerHdPath } from "../config.ts";
import { ChainEvents } from "./chain-events.ts";
import { TxSender } from "./tx-sender.ts";
import type { OfflineMode } from "./gateway.ts";
import { providerProfile } from "./profiles.ts";
import { SimulatedProvider } from "./provider.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export interface StartProvidersOptions {
  rpcUrl: string;
  restUrl: string;
  chainId: string;
  /** Number of providers, 1..10 (default 5). */
  count?: number;
  /** Listen address for gateways, ingresses and the admin endpoint (default 127.0.0.1). */
  host?: string;
  /** Keys/certificates are kept under `<dataDir>/provider-N/` so restarts reuse them. */
  dataDir: string;
  /** Base delay before a bid is sent, ms (default 500; the slow provider waits 6×). */
  bidDelayMs?: number;
  /** 0 (default) = free ports; else provider N uses basePort+2(N-1) (gateway) and +1 (ingress). */
  basePort?: number;
  /** Admin endpoint port (default 0 = free port). */
  adminPort?: number;
  withdrawIntervalMs?: number;
  /** Denom of bid deposits (default uakt). */
  bidDepositDenom?: string;
  /** Multiplier on lease start-up timelines (default 1 ≈ 3 s to ready). */
  timeScale?: number;
  logIntervalMs?: number;
  providerMnemonic?: string;
  auditorMnemonic?: string;
  log?: (msg: string) => void;
}

export interface RunningProvider {
  name: string;
  address: string;
  hostUri: string;
  gatewayPort: number;
  ingressPort: number;
  /** Offline: gateway and ingress drop connections ("refuse", default) or accept and never answer ("hang"); bidding stops. */
  setOnline(online: boolean, mode?: OfflineMode): void;
  isOnline(): boolean;
  /** Run a withdraw/reconcile cycle now (normally periodic). Returns the number of leases withdrawn from. */
  withdrawNow(): Promise<number>;
  /** The gateway's /status document. */
  status(): unknown;
  /**
   * For benchmarks: when this provider received the first manifest it accepted for the lease (epoch ms, read
   * from this process' clock as the PUT body arrived); undefined before that.
   */
  manifestReceivedAt(lease: { owner: string; dseq: string; gseq: number; oseq: number }): number | undefined;
}

export interface RunningProviders {
  providers: RunningProvider[];
  /** Loopback admin endpoint: GET /providers, POST /providers/{name}/offline[?mode=hang], POST /providers/{name}/online. */
  adminUrl: string;
  stop(): Promise<void>;
}

async function providerWallet(mnemonic: string, index: number) {
  return DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash", hdPaths: [stringToPath(providerHdPath(index))] });
}

export async function startProviders(opts: StartProvidersOptions): Promise<RunningProviders> {
  const count = opts.count ?? 5;
  if (!Number.isInteger(count) || count < 1 || count > 10) throw new Error(`provider count must be 1..10 (genesis funds 10 provider keys), got ${count}`);
  const host = opts.host ?? "127.0.0.1";
  const log = opts.log ?? ((m: string) => console.log(`[providers] ${m}`));
  const gasPrice = `${MIN_GAS_PRICE}uakt`;
  const providers: SimulatedProvider[] = [];
  for (let i = 1; i <= count; i++) {
    const wallet = await providerWallet(opts.providerMnemonic ?? PROVIDER_MNEMONIC, i - 1);
    const [account] = await wallet.getAccounts();
    providers.push(
      new SimulatedProvider(account!.address, wallet, {
        profile: providerProfile(i),
        rpcUrl: opts.rpcUrl,
        restUrl: opts.restUrl,
        chainId: opts.chainId,
        listenHost: host,
        gatewayPort: opts.basePort ? opts.basePort + 2 * (i - 1) : 0,
        ingressPort: opts.basePort ? opts.basePort + 2 * (i - 1) + 1 : 0,
        dataDir: opts.dataDir,
        bidDelayMs: opts.bidDelayMs ?? 500,
        withdrawIntervalMs: opts.withdrawIntervalMs ?? 60_000,
        bidDepositDenom: opts.bidDepositDenom ?? "uakt",
        gasPrice,
        timeScale: opts.timeScale ?? 1,
        logIntervalMs: opts.logIntervalMs ?? 4000,
        log,
      }),
    );
  }
  const stopAll = async () => {
    await Promise.allSettled(providers.map((p) => p.stop()));
  };
  let events: ChainEvents | undefined;
  let auditor: TxSender | undefined;
  let admin: http.Server | undefined;
  try {
    await Promise.all(providers.map((p) => p.start()));
    const audited = providers.filter((p) => p.config.profile.audited);
    if (audited.length) {
      const auditorWallet = await DirectSecp256k1HdWallet.fromMnemonic(opts.auditorMnemonic ?? AUDITOR_MNEMONIC, { prefix: "akash" });
      auditor = await TxSender.connect(opts.rpcUrl, auditorWallet, gasPrice);
      for (const p of audited) await p.ensureAudited(auditor);
    }
    await Promise.all(providers.map((p) => p.refreshAudits()));
    events = new ChainEvents(opts.rpcUrl, {
      onOrdersCreated: (ids) => providers.forEach((p) => p.onOrdersCreated(ids)),
      onOrderClosed: (id) => providers.forEach((p) => p.onOrderClosed(id)),
      onLeaseCreated: (id, price) => providers.forEach((p) => p.onLeaseCreated(id, price)),
      onLeaseClosed: (id) => providers.forEach((p) => p.onLeaseClosed(id)),
      onResync: () => providers.forEach((p) => void p.resync().catch((e) => log(`${p.name}: resync failed: ${getErrorMessage(e)}`))),
    });
    await events.start();
    admin = await startAdmin(host, opts.adminPort ?? 0, providers);
  } catch (e) {
    events?.stop();
    auditor?.disconnect();
    admin?.close();
    await stopAll();
    throw e;
  }
  const adminPort = (admin.address() as net.AddressInfo).port;
  return {
    providers: providers.map((p) => ({
      name: p.name,
      address: p.address,
      hostUri: p.hostUri,
      gatewayPort: p.gatewayPort,
      ingressPort: p.ingressPort,
      setOnline: (online: boolean, mode?: OfflineMode) => p.setOnline(online, mode),
      isOnline: () => p.isOnline(),
      withdrawNow: () => p.withdrawAndReconcile(),
      status: () => p.status(),
      manifestReceivedAt: (lease: { owner: string; dseq: string; gseq: number; oseq: number }) => p.manifestReceivedAt(lease),
    })),
    adminUrl: `http://${host}:${adminPort}`,
    stop: async () => {
      events?.stop();
      auditor?.disconnect();
      admin?.closeAllConnections();
      await new Promise<void>((resolve) => (admin ? admin.close(() => resolve()) : resolve()));
      await stopAll();
    },
  };
}

const isLoopback = (a: string | undefined) => !!a && (a === "::1" || a.startsWith("127.") || a.startsWith("::ffff:127."));

async function startAdmin(host: string, port: number, providers: SimulatedProvider[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!isLoopback(req.socket.remoteAddress)) return send(403, { message: "admin endpoint is loopback-only" });
    const url = new URL(req.url ?? "/", "http://admin");
    const list = () => providers.map((p) => ({ name: p.name, address: p.address, hostUri: p.hostUri, ingressPort: p.ingressPort, online: p.isOnline() }));
    if (req.method === "GET" && url.pathname === "/providers") return send(200, { providers: list() });
    const m = /^\/providers\/([\w-]+)\/(offline|online)$/.exec(url.pathname);
    if (m) {
      if (req.method !== "POST") return send(405, { message: "use POST" });
      const p = providers.find((x) => x.name === m[1] || x.address === m[1]);
      if (!p) return send(404, { message: `unknown provider ${m[1]}` });
      const mode = url.searchParams.get("mode") ?? "refuse";
      if (mode !== "refuse" && mode !== "hang") return send(400, { message: 'mode must be "refuse" or "hang"' });
      p.setOnline(m[2] === "online", mode);
      return send(200, { name: p.name, online: p.isOnline(), mode: m[2] === "online" ? undefined : mode });
    }
    send(404, { message: "not found: GET /providers, POST /providers/{name}/offline?mode=refuse|hang, POST /providers/{name}/online" });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
