/** Signed txs of one provider account, through cosmjs over CometBFT RPC. */
import { BroadcastTxError, SigningStargateClient, GasPrice, calculateFee, type DeliverTxResponse } from "@cosmjs/stargate";
import type { EncodeObject, OfflineSigner } from "@cosmjs/proto-signing";
import { createAkashRegistry } from "../../shared/akash-registry.ts";
import { getErrorMessage } from "../../shared/errors.ts";

/** cosmjs' and chain-sdk's default "auto" gas multiplier. */
const GAS_ADJUSTMENT = 1.3;
const CACHED_GAS_ADJUSTMENT = 1.5;

interface PendingTx {
  msgs: EncodeObject[];
  memo: string;
  resolve: (r: { height: number; hash: string }) => void;
  reject: (e: unknown) => void;
}

/**
 * Signer for one account. Txs go out one at a time (each waits for inclusion, so sequences never clash);
 * whatever queued up meanwhile is sent as ONE tx, so a burst of bids lands in the next block. If a
 * combined tx fails, its parts are retried one by one so one bad message cannot sink the others.
 */
export class TxSender {
  private readonly pending: PendingTx[] = [];
  private busy = false;
  private constructor(
    readonly address: string,
    private readonly client: SigningStargateClient,
    private readonly gasPrice: GasPrice,
  ) {}

  static async connect(rpcUrl: string, signer: OfflineSigner, gasPrice = "0.025uakt"): Promise<TxSender> {
    const [account] = await signer.getAccounts();
    if (!account) throw new Error("signer has no accounts");
    // A node that is still starting may not answer yet: retry for a few seconds.
    for (let attempt = 0; ; attempt++) {
      try {
        const client = await SigningStargateClient.connectWithSigner(rpcUrl, signer, {
          registry: createAkashRegistry(),
          gasPrice: GasPrice.fromString(gasPrice),
          broadcastPollIntervalMs: 200,
          broadcastTimeoutMs: 30_000,
        });
        return new TxSender(account.address, client, GasPrice.fromString(gasPrice));
      } catch (e) {
        if (attempt >= 30) throw new Error(`cannot connect to the chain at ${rpcUrl}: ${getErrorMessage(e)}`, { cause: e });
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  send(msgs: EncodeObject[], memo = ""): Promise<{ height: number; hash: string }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ msgs, memo, resolve, reject });
      void this.pump();
    });
  }

  /** Simulated gas per message, by type URL: repeated message kinds (bids) skip the simulation round trip. */
  private readonly gasPerMsg = new Map<string, number>();

  private async estimateGas(msgs: EncodeObject[], memo: string): Promise<{ gas: number; cached: boolean }> {
    const known = msgs.map((m) => this.gasPerMsg.get(m.typeUrl));
    if (known.every((g) => g !== undefined)) return { gas: (known as number[]).reduce((a, b) => a + b, 0), cached: true };
    const simulated = await this.client.simulate(this.address, msgs, memo);
    if (new Set(msgs.map((m) => m.typeUrl)).size === 1) this.gasPerMsg.set(msgs[0]!.typeUrl, Math.ceil(simulated / msgs.length));
    return { gas: simulated, cached: false };
  }

  private async broadcast(msgs: EncodeObject[], memo: string): Promise<{ height: number; hash: string }> {
    const { gas, cached } = await this.estimateGas(msgs, memo);
    // A simulation of this very tx gets the standard ×1.3 (cosmjs/chain-sdk "auto"): the devnet's
    // simulate costs what delivery costs. An estimate reused from an earlier message of the same kind
    // gets more room, as this message may be bigger (more resources, attributes).
    const adjustment = cached ? CACHED_GAS_ADJUSTMENT : GAS_ADJUSTMENT;
    let res: DeliverTxResponse | undefined = await this.client
      .signAndBroadcast(this.address, msgs, calculateFee(Math.ceil(gas * adjustment), this.gasPrice), memo)
      // CheckTx rejects a limit below the ante's own cost (tx size) outright: retried below like an in-block out of gas.
      .catch((e: unknown) => (cached && e instanceof BroadcastTxError && e.code === 11 ? undefined : Promise.reject(e)));
    if (res === undefined || (cached && res.code === 11 && /out of gas/.test(res.rawLog ?? ""))) {
      // The reused estimate was too low for this tx: forget it and simulate this one.
      for (const m of msgs) this.gasPerMsg.delete(m.typeUrl);
      res = await this.client.signAndBroadcast(this.address, msgs, GAS_ADJUSTMENT, memo);
    }
    if (res.code !== 0) throw new Error(`tx failed (code ${res.code}): ${res.rawLog ?? ""}`);
    return { height: res.height, hash: res.transactionHash };
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      // Debounce (30 ms quiet, at most 200 ms) so bids decided together — e.g. the orders of one
      // deployment — share one tx and land in the same block.
      const start = Date.now();
      for (let n = -1; n !== this.pending.length && Date.now() - start < 200; ) {
        n = this.pending.length;
        await new Promise((r) => setTimeout(r, 30));
      }
      while (this.pending.length) {
        const batch = this.pending.splice(0);
        if (batch.length > 1) {
          try {
            const r = await this.broadcast(batch.flatMap((b) => b.msgs), batch[0]!.memo);
            batch.forEach((b) => b.resolve(r));
            continue;
          } catch {
            // fall through: send them one by one
          }
        }
        for (const b of batch) {
          try {
            b.resolve(await this.broadcast(b.msgs, b.memo));
          } catch (e) {
            b.reject(e);
          }
        }
      }
    } finally {
      this.busy = false;
    }
  }

  disconnect(): void {
    this.client.disconnect();
  }
}
