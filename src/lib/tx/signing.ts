/**
 * The one signing path for every wallet: build → simulate → fee → sign → broadcast → wait for inclusion.
 * `prepare` returns the fee so the UI can show it before the wallet is asked to sign.
 */
import type { EncodeObject, OfflineSigner } from "@cosmjs/proto-signing";
import { SigningStargateClient, type DeliverTxResponse, type StdFee } from "@cosmjs/stargate";
import { waitForInclusion, type TxSubscription } from "./inclusion";
import { feeForSimulatedGas } from "./fee";
import { ChainMismatchError, TxFailedError } from "./errors";
import { createAminoTypes, createRegistry } from "./registry";

export interface TxSigner {
  address: string;
  signer: OfflineSigner;
}

export interface PreparedTx {
  messages: EncodeObject[];
  memo: string;
  gasUsed: number;
  fee: StdFee;
}

export interface TxResult {
  hash: string;
  height: number;
  gasUsed: number;
  gasWanted: number;
  events: DeliverTxResponse["events"];
}

export interface TxClientOptions {
  rpcUrl: string;
  /** Expected chain id; empty to accept whatever the node reports. */
  chainId: string;
  confirmTimeoutMs?: number;
  /** Fallback polling while the WebSocket push is missing or late. */
  pollIntervalMs?: number;
  /** Push channel for inclusion; injectable for tests (null polls only). */
  subscribe?: ((rpcUrl: string, hash: string) => TxSubscription | null) | undefined;
}

export class TxClient {
  private constructor(
    private readonly client: SigningStargateClient,
    private readonly account: TxSigner,
    private readonly options: Required<Omit<TxClientOptions, "subscribe">> & Pick<TxClientOptions, "subscribe">,
  ) {}

  static async connect(account: TxSigner, options: TxClientOptions): Promise<TxClient> {
    const client = await SigningStargateClient.connectWithSigner(options.rpcUrl, account.signer, {
      registry: createRegistry(),
      aminoTypes: createAminoTypes(),
      broadcastTimeoutMs: options.confirmTimeoutMs ?? 60_000,
      broadcastPollIntervalMs: options.pollIntervalMs ?? 500,
    });
    const chainId = await client.getChainId();
    if (options.chainId && chainId !== options.chainId) {
      client.disconnect();
      throw new ChainMismatchError(options.chainId, chainId);
    }
    return new TxClient(client, account, { confirmTimeoutMs: 60_000, pollIntervalMs: 500, ...options, chainId });
  }

  get chainId(): string {
    return this.options.chainId;
  }

  async prepare(messages: EncodeObject[], memo = ""): Promise<PreparedTx> {
    const gasUsed = await this.client.simulate(this.account.address, messages, memo);
    return { messages, memo, gasUsed, fee: feeForSimulatedGas(gasUsed) };
  }

  /** Signs, broadcasts (sync: CheckTx only) and waits for the block, pushed over the WebSocket when it can be. */
  async signAndBroadcast(prepared: PreparedTx): Promise<TxResult> {
    let hash: string;
    try {
      hash = await this.client.signAndBroadcastSync(this.account.address, prepared.messages, prepared.fee, prepared.memo);
    } catch (error) {
      throw normalizeBroadcastError(error);
    }
    const included = await waitForInclusion({
      rpcUrl: this.options.rpcUrl,
      hash,
      getTx: (id) => this.client.getTx(id),
      timeoutMs: this.options.confirmTimeoutMs,
      pollIntervalMs: this.options.pollIntervalMs,
      ...(this.options.subscribe ? { subscribe: this.options.subscribe } : {}),
    });
    if (included.code !== 0) {
      throw new TxFailedError(included.code, included.codespace, included.rawLog, included.hash);
    }
    return { hash: included.hash, height: included.height, gasUsed: included.gasUsed, gasWanted: included.gasWanted, events: included.events };
  }

  disconnect(): void {
    this.client.disconnect();
  }
}

/** Turn cosmjs' BroadcastTxError (CheckTx failure) into our TxFailedError so errors are mapped in one place. */
export function normalizeBroadcastError(error: unknown): unknown {
  const candidate = error as { code?: unknown; codespace?: unknown; log?: unknown } | null;
  if (candidate && typeof candidate === "object" && typeof candidate.code === "number" && typeof candidate.codespace === "string") {
    const e = error as { code: number; codespace: string; log?: string };
    return new TxFailedError(e.code, e.codespace, e.log ?? "");
  }
  return error;
}
