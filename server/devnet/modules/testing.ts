/**
 * Test harness for the Akash modules: a chain-less "app" over the chain's RootStore, with its real
 * bank keeper, store branches and event manager. It runs a message through ValidateBasic, the
 * signer check and its handler on a branch (committed only on success, like a tx), runs the end
 * and begin blockers, and serves queries (round-tripped through the wire format, or as gateway
 * JSON). Used by the modules' unit tests only; the chain's tx pipeline (fees, gas, signatures)
 * is not involved.
 */
import { toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@noble/hashes/sha2.js";
import { BranchStore, RootStore } from "../chain/stores.ts";
import { DevnetEventManager } from "../chain/events.ts";
import { createBankKeeper, type DevnetBankKeeper } from "../chain/bank.ts";
import { sdkErrors } from "../chain/errors.ts";
import type { BlockContext, ChainConfig, ChainEvent, Coin, EventManager, GasMeter, KVStore, Module, MsgRouter, QueryContext, TxContext } from "../chain/types.ts";
import { AuthzKeeper, authzModule } from "../chain/authz.ts";
import { authBankModule } from "../chain/auth-bank.ts";
import { FeegrantKeeper, feegrantModule } from "../chain/feegrant.ts";
import { akashModules } from "./index.ts";

export const testConfig: ChainConfig = {
  chainId: "devnet-test",
  bondDenom: "uakt",
  actDenom: "uact",
  aktPriceUsd: 2,
  minGasPrice: 0.025,
  blockTimeMs: 1000,
  auditorAddress: testAddress("auditor"),
  legacyUaktPricing: false,
};

/** A deterministic bech32 address for a name. */
export function testAddress(name: string): string {
  return toBech32("akash", sha256(new TextEncoder().encode(`test/${name}`)).slice(0, 20));
}

const infiniteGas: GasMeter = { limit: Infinity, consumed: 0, consume: () => undefined };

export interface TxResult<R = unknown> {
  response: R;
  events: ChainEvent[];
}

/** A one-node "app" over the Akash modules, for tests. */
export class TestApp {
  readonly store = new RootStore();
  readonly modules: Module[];
  readonly bank: DevnetBankKeeper;
  height = 1;
  time = new Date("2026-01-01T00:00:00Z");
  lastBlockEvents: ChainEvent[] = [];

  constructor(readonly config: ChainConfig = testConfig) {
    this.bank = createBankKeeper(config);
    // x/bank (MsgSend), x/authz and x/feegrant come first, as in the app: escrow funds deposits from authz grants.
    this.modules = [authBankModule(this.bank), authzModule(new AuthzKeeper(), () => this.router), feegrantModule(new FeegrantKeeper()), ...akashModules()];
    const ctx = this.blockContext(this.store, new DevnetEventManager());
    for (const m of this.modules) m.initGenesis?.(ctx);
  }

  /** The message router MsgExec dispatches through: every module's handlers. */
  readonly router: MsgRouter = { handler: (typeUrl) => this.modules.flatMap((m) => m.msgs).find((h) => h.typeUrl === typeUrl) };

  get keepers(): TxContext["keepers"] {
    const k: TxContext["keepers"] = { bank: this.bank, router: this.router };
    for (const m of this.modules) {
      const keeper = (m as Module & { keeper?: unknown }).keeper;
      if (keeper !== undefined) k[m.name] = keeper;
    }
    return k;
  }

  /** Test faucet: credits without events (genesis-style). */
  fund(address: string, coins: Coin[]): void {
    this.bank.genesisCredit(this.store, address, coins);
  }

  balance(address: string, denom: string): bigint {
    return this.bank.balance(this.store, address, denom);
  }

  private blockContext(store: KVStore, events: EventManager): BlockContext {
    return { store, height: this.height, time: this.time, config: this.config, keepers: this.keepers, events, gas: infiniteGas };
  }

  /** Runs one message as a tx: ValidateBasic, signer check, handler on a branch. Throws ChainError. */
  deliver<R = unknown>(typeUrl: string, msg: unknown, signer?: string): TxResult<R> {
    const handler = this.modules.flatMap((m) => m.msgs).find((h) => h.typeUrl === typeUrl);
    if (!handler) throw sdkErrors.unknownRequest(`unrecognized message type: ${typeUrl}`);
    const decoded = handler.type.decode(handler.type.encode(handler.type.fromPartial(msg)).finish());
    handler.validateBasic?.(decoded, this.config);
    const signers = handler.signers(decoded);
    if (signer !== undefined && !signers.includes(signer)) throw sdkErrors.unauthorized(`${signer} is not a signer of ${typeUrl}`);
    const branch = new BranchStore(this.store);
    const events = new DevnetEventManager();
    const ctx: TxContext = { ...this.blockContext(branch, events), signers, msgIndex: 0 };
    const response = handler.handle(ctx, decoded) as R;
    handler.responseType.encode(response);
    branch.commit();
    return { response, events: events.events };
  }

  /** The handler's response object as the REST gateway would serialise it (no wire round-trip). */
  queryJson(path: string, req: unknown): unknown {
    const q = this.modules.flatMap((m) => m.queries).find((h) => h.path === path);
    if (!q) throw sdkErrors.unknownRequest(`unknown query path ${path}`);
    const ctx: QueryContext = { store: this.store, height: this.height, time: this.time, config: this.config, keepers: this.keepers };
    return q.response.toJSON(q.handle(ctx, q.request.fromPartial(req)));
  }

  query<Res = unknown>(path: string, req: unknown): Res {
    const q = this.modules.flatMap((m) => m.queries).find((h) => h.path === path);
    if (!q) throw sdkErrors.unknownRequest(`unknown query path ${path}`);
    const decoded = q.request.decode(q.request.encode(q.request.fromPartial(req)).finish());
    const ctx: QueryContext = { store: this.store, height: this.height, time: this.time, config: this.config, keepers: this.keepers };
    const res = q.handle(ctx, decoded) as Res;
    // Round-trip through the wire format so tests see exactly what a client would decode.
    return q.response.decode(q.response.encode(res).finish()) as Res;
  }

  /** Ends the current block (end blockers) and begins the next one. */
  nextBlock(count = 1): void {
    for (let i = 0; i < count; i++) {
      // Like the app: each hook runs on its own branch, committed when it succeeds.
      const events = new DevnetEventManager();
      const run = (kind: "beginBlock" | "endBlock") => {
        for (const m of this.modules) {
          if (!m[kind]) continue;
          const branch = new BranchStore(this.store);
          m[kind].call(m, this.blockContext(branch, events));
          branch.commit();
        }
      };
      run("endBlock");
      this.height++;
      this.time = new Date(this.time.getTime() + this.config.blockTimeMs);
      run("beginBlock");
      this.lastBlockEvents = events.events;
    }
  }
}

/** Expects `fn` to throw a ChainError with this codespace/code; returns its message. */
export function errorOf(fn: () => unknown): { codespace: string; code: number; message: string } {
  try {
    fn();
  } catch (e) {
    const err = e as { codespace?: string; code?: number; message: string };
    if (err.codespace === undefined) throw e;
    return { codespace: err.codespace, code: err.code ?? -1, message: err.message };
  }
  throw new Error("expected an error, got none");
}
