/**
 * Devnet faucet, compatible with @cosmjs/faucet-client: `POST /credit {address, denom}` answers
 * 200 "ok" once the credit is in a block; `GET /status` reports the chain and the holder.
 *
 * The faucet is an ordinary client of the chain: it signs with a real SigningStargateClient over
 * the RPC URL. AKT is a bank MsgSend; ACT is not transferable, so the faucet burns its own AKT
 * with `/akash.bme.v1.MsgMintACT{owner: faucet, to: recipient}`. Credits go through one queue
 * (one signer, one sequence) and are rate-limited per address and denom.
 */
import http from "node:http";
import { fromBech32 } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet, type EncodeObject } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient, type Coin } from "@cosmjs/stargate";
import { MsgMintACT } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ChainBackend, ServerHandle } from "../rpc/backend.ts";
import { createAkashRegistry } from "../../shared/akash-registry.ts";
import { listen } from "../../shared/listen.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export interface FaucetServerOptions {
  host: string;
  port: number;
  mnemonic: string;
  rpcUrl: string;
  /** Amount per credit, in base units, by denom. Default 100 AKT (uakt) and 100 ACT (uact). */
  credits?: Record<string, string>;
  /** One credit per (address, denom) per window. Default 30 s. */
  rateLimitMs?: number;
  addressPrefix?: string;
  /** Fee gas price, default `${minGasPrice}${bondDenom}` from the chain config. */
  gasPrice?: string;
  /** How long to wait for the credit to be included in a block. */
  broadcastTimeoutMs?: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Accept",
};

export async function startFaucetServer(chain: ChainBackend, opts: FaucetServerOptions): Promise<ServerHandle> {
  const prefix = opts.addressPrefix ?? "akash";
  const bondDenom = chain.config.bondDenom;
  const actDenom = chain.config.actDenom;
  const credits: Record<string, string> = opts.credits ?? { [bondDenom]: "100000000", [actDenom]: "100000000" };
  const rateLimitMs = opts.rateLimitMs ?? 30_000;
  const gasPrice = GasPrice.fromString(opts.gasPrice ?? `${chain.config.minGasPrice}${bondDenom}`);
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(opts.mnemonic, { prefix });
  const [account] = await wallet.getAccounts();
  if (!account) throw new Error("faucet: the mnemonic yields no account");
  const holder = account.address;

  let clientPromise: Promise<SigningStargateClient> | undefined;
  function client(): Promise<SigningStargateClient> {
    clientPromise ??= SigningStargateClient.connectWithSigner(opts.rpcUrl, wallet, {
      registry: createAkashRegistry(),
      gasPrice,
      broadcastPollIntervalMs: Math.max(100, Math.min(1000, Math.floor(chain.config.blockTimeMs / 4))),
      broadcastTimeoutMs: opts.broadcastTimeoutMs ?? Math.max(30_000, chain.config.blockTimeMs * 10),
    }).catch((err) => {
      clientPromise = undefined;
      throw err;
    });
    return clientPromise;
  }

  // One signer, one sequence: a single worker sends credits. Credits that arrive while a tx is in
  // flight are batched into the next tx (one block for many users); if a batch fails, its credits
  // are retried one by one so one bad credit cannot fail the others.
  interface PendingCredit {
    messages: EncodeObject[];
    resolve: (hash: string) => void;
    reject: (err: unknown) => void;
  }
  const pending: PendingCredit[] = [];
  let working = false;
  const MAX_BATCH = 20;

  async function send(messages: EncodeObject[]): Promise<string> {
    const c = await client();
    const result = await c.signAndBroadcast(holder, messages, 1.5, "devnet faucet");
    if (result.code !== 0) throw new HttpError(500, `credit failed: ${result.rawLog || `code ${result.code}`}`);
    return result.transactionHash;
  }

  async function work() {
    if (working) return;
    working = true;
    try {
      while (pending.length) {
        const batch = pending.splice(0, MAX_BATCH);
        try {
          const hash = await send(batch.flatMap((p) => p.messages));
          for (const p of batch) p.resolve(hash);
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else {
            for (const p of batch) {
              try {
                p.resolve(await send(p.messages));
              } catch (e) {
                p.reject(e);
              }
            }
          }
        }
      }
    } finally {
      working = false;
    }
  }

  const lastCredit = new Map<string, number>();

  function messagesFor(address: string, denom: string, amount: string): EncodeObject[] {
    if (denom === actDenom) {
      // ACT is minted by burning AKT at the chain's AKT price (1 ACT = 1 USD); burn a little extra
      // to cover the mint spread so the recipient gets at least the configured amount.
      const uakt = BigInt(Math.ceil((Number(amount) / chain.config.aktPriceUsd) * 1.01));
      return [
        {
          typeUrl: "/akash.bme.v1.MsgMintACT",
          value: MsgMintACT.fromPartial({ owner: holder, to: address, coinsToBurn: { denom: bondDenom, amount: uakt.toString() } }),
        },
      ];
    }
    const coin: Coin = { denom, amount };
    return [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: holder, toAddress: address, amount: [coin] } }];
  }

  function credit(address: string, denom: string): Promise<string> {
    const messages = messagesFor(address, denom, credits[denom]!);
    return new Promise<string>((resolve, reject) => {
      pending.push({ messages, resolve, reject });
      void work();
    });
  }

  function validateAddress(address: unknown): string {
    if (typeof address !== "string" || address.length === 0) throw new HttpError(400, "Address must be a non-empty string.");
    try {
      const { prefix: p, data } = fromBech32(address);
      if (p !== prefix || (data.length !== 20 && data.length !== 32)) throw new Error("wrong prefix or length");
    } catch {
      throw new HttpError(400, `Address is not in the expected format for this chain (a bech32 "${prefix}1…" address).`);
    }
    return address;
  }

  async function readJson(req: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 16_384) throw new HttpError(413, "Request body too large.");
      chunks.push(chunk as Buffer);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      throw new HttpError(400, "Invalid JSON in request body; expected {\"address\": \"akash1…\", \"denom\": \"uakt\"}.");
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const send = (status: number, body: string | object) => {
      if (res.headersSent) return;
      const text = typeof body === "string" ? body : JSON.stringify(body);
      res.writeHead(status, { ...CORS_HEADERS, "Content-Type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json" });
      res.end(text);
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    try {
      if (req.method === "GET" && (path === "/status" || path === "/")) {
        const balances = await client()
          .then((c) => c.getAllBalances(holder))
          .catch(() => [] as readonly Coin[]);
        send(200, {
          status: "ok",
          nodeUrl: opts.rpcUrl,
          chainId: chain.config.chainId,
          chainTokens: Object.keys(credits),
          availableTokens: Object.keys(credits).filter((d) => d !== bondDenom || balances.some((b) => b.denom === d && BigInt(b.amount) > 0n)),
          holder: { address: holder, balance: balances },
          distributors: [],
          credits,
          rateLimitSeconds: rateLimitMs / 1000,
        });
        return;
      }
      if (req.method === "POST" && path === "/credit") {
        const body = await readJson(req);
        if (typeof body !== "object" || body === null) throw new HttpError(400, "Request body must be a JSON object.");
        const { address: rawAddress, denom } = body as { address?: unknown; denom?: unknown };
        const address = validateAddress(rawAddress);
        if (typeof denom !== "string" || denom === "") throw new HttpError(400, "Denom must be a non-empty string.");
        if (!Object.hasOwn(credits, denom)) throw new HttpError(422, `Token is not available: ${denom}. Available: ${Object.keys(credits).join(", ")}.`);
        const key = `${address}/${denom}`;
        const now = Date.now();
        const last = lastCredit.get(key);
        if (last !== undefined && now - last < rateLimitMs) {
          const wait = Math.ceil((rateLimitMs - (now - last)) / 1000);
          throw new HttpError(429, `Too many requests for the same address and denom. Please wait ${wait}s and try again.`);
        }
        lastCredit.set(key, now);
        try {
          await credit(address, denom);
        } catch (err) {
          lastCredit.delete(key); // a failed credit does not count against the limit
          throw err;
        }
        send(200, "ok");
        return;
      }
      send(404, "Not found. Use POST /credit or GET /status.");
    } catch (err) {
      if (err instanceof HttpError) send(err.status, err.message);
      else {
        console.error("faucet:", getErrorMessage(err));
        send(500, `Faucet error: ${getErrorMessage(err)}`);
      }
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on("clientError", (_err, socket) => socket.destroy());
  const { port, url } = await listen(server, opts.host, opts.port);
  return {
    url,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const c = await clientPromise?.catch(() => undefined);
      c?.disconnect();
    },
  };
}
