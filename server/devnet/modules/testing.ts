/**
 * Test harness for the Akash modules: a chain-less "app" over MemoryStore that runs messages
 * through validateBasic + signer checks + handler on a branch (committed only on success, like a
 * tx), runs begin/end blockers, and serves queries. Used by the modules' unit tests only.
 */
import { toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@noble/hashes/sha2.js";
import { MemoryStore } from "../chain/memory-store.ts";
import { sdkErrors } from "../chain/errors.ts";
import type {
  BankKeeper,
  BlockContext,
  ChainConfig,
  ChainEvent,
  Coin,
  EventManager,
  GasMeter,
  KVStore,
  MessageFns,
  Module,
  QueryContext,
  TxContext,
} from "../chain/types.ts";
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

class TestEvents implements EventManager {
  readonly events: ChainEvent[] = [];
  emit(type: string, attributes: Record<string, string>): void {
    this.events.push({ type, attributes: Object.entries(attributes).map(([key, value]) => ({ key, value, index: true })) });
  }
  emitTyped<T>(type: MessageFns<T, string>, value: T): void {
    const json = (type.toJSON(value) ?? {}) as Record<string, unknown>;
    this.events.push({
      type: type.$type,
      attributes: Object.keys(json)
        .sort()
        .map((key) => ({ key, value: JSON.stringify(json[key]), index: true })),
    });
  }
}

const infiniteGas: GasMeter = { limit: Infinity, consumed: 0, consume: () => undefined };

/** A copy-on-write branch of a store; `commit()` writes the changes through. */
class BranchStore implements KVStore {
  private readonly writes = new Map<string, unknown>();
  private readonly deleted = new Set<string>();
  constructor(private readonly parent: KVStore) {}
  get<T>(key: string): T | undefined {
    if (this.deleted.has(key)) return undefined;
    if (this.writes.has(key)) return this.writes.get(key) as T;
    return this.parent.get<T>(key);
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  set(key: string, value: unknown): void {
    this.deleted.delete(key);
    this.writes.set(key, structuredClone(value));
  }
  delete(key: string): void {
    this.writes.delete(key);
    this.deleted.add(key);
  }
  *iterate<T>(prefix: string, opts: { reverse?: boolean; start?: string } = {}): Iterable<[string, T]> {
    const keys = new Set<string>();
    for (const [k] of this.parent.iterate(prefix)) keys.add(k);
    for (const k of this.writes.keys()) if (k.startsWith(prefix)) keys.add(k);
    let sorted = [...keys].filter((k) => !this.deleted.has(k)).sort();
    if (opts.start !== undefined) sorted = sorted.filter((k) => (opts.reverse ? k <= opts.start! : k >= opts.start!));
    if (opts.reverse) sorted.reverse();
    for (const k of sorted) yield [k, this.get<T>(k) as T];
  }
  commit(): void {
    for (const k of this.deleted) this.parent.delete(k);
    for (const [k, v] of this.writes) this.parent.set(k, v);
  }
}

/**
 * Minimal x/bank used until the chain's bank keeper is importable here: balances and supply
 * as integer strings, module accounts at sha256(name)[:20], transfer events like the SDK.
 */
export function createTestBank(config: ChainConfig): BankKeeper {
  const key = (a: string, d: string) => `bank/bal/${a}/${d}`;
  const balance = (s: KVStore, a: string, d: string) => BigInt(s.get<string>(key(a, d)) ?? "0");
  const setBal = (s: KVStore, a: string, d: string, v: bigint) => (v === 0n ? s.delete(key(a, d)) : s.set(key(a, d), v.toString()));
  const sub = (s: KVStore, a: string, coins: Coin[]) => {
    for (const c of coins) {
      const have = balance(s, a, c.denom);
      if (have < BigInt(c.amount)) throw sdkErrors.insufficientFunds(`spendable balance ${have}${c.denom} is smaller than ${c.amount}${c.denom}`);
    }
    for (const c of coins) setBal(s, a, c.denom, balance(s, a, c.denom) - BigInt(c.amount));
  };
  const add = (s: KVStore, a: string, coins: Coin[]) => {
    for (const c of coins) setBal(s, a, c.denom, balance(s, a, c.denom) + BigInt(c.amount));
  };
  const amountStr = (coins: Coin[]) => coins.map((c) => `${c.amount}${c.denom}`).join(",");
  return {
    balance,
    allBalances(s, a) {
      const p = `bank/bal/${a}/`;
      return [...s.iterate<string>(p)].map(([k, v]) => ({ denom: k.slice(p.length), amount: v }));
    },
    send(ctx, from, to, coins) {
      sub(ctx.store, from, coins);
      add(ctx.store, to, coins);
      ctx.events.emit("transfer", { recipient: to, sender: from, amount: amountStr(coins) });
    },
    mint(ctx, to, coins) {
      add(ctx.store, to, coins);
      ctx.events.emit("coinbase", { minter: to, amount: amountStr(coins) });
    },
    burn(ctx, from, coins) {
      sub(ctx.store, from, coins);
      ctx.events.emit("burn", { burner: from, amount: amountStr(coins) });
    },
    moduleAddress: (name) => toBech32("akash", sha256(new TextEncoder().encode(name)).slice(0, 20)),
    isSendEnabled: (denom) => denom !== config.actDenom,
  };
}

export interface TxResult<R = unknown> {
  response: R;
  events: ChainEvent[];
}

/** A one-node "app" over the Akash modules, for tests. */
export class TestApp {
  readonly store = new MemoryStore();
  readonly modules: Module[];
  readonly bank: BankKeeper;
  height = 1;
  time = new Date("2026-01-01T00:00:00Z");
  lastBlockEvents: ChainEvent[] = [];

  constructor(readonly config: ChainConfig = testConfig) {
    this.bank = createTestBank(config);
    this.modules = akashModules();
    const ctx = this.blockContext(this.store, new TestEvents());
    for (const m of this.modules) m.initGenesis?.(ctx);
  }

  get keepers(): TxContext["keepers"] {
    const k: TxContext["keepers"] = { bank: this.bank };
    for (const m of this.modules) {
      const keeper = (m as Module & { keeper?: unknown }).keeper;
      if (keeper !== undefined) k[m.name] = keeper;
    }
    return k;
  }

  /** Test faucet: credits without events. */
  fund(address: string, coins: Coin[]): void {
    for (const c of coins) {
      const k = `bank/bal/${address}/${c.denom}`;
      this.store.set(k, (BigInt(this.store.get<string>(k) ?? "0") + BigInt(c.amount)).toString());
    }
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
    const events = new TestEvents();
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
      const events = new TestEvents();
      const ctx = this.blockContext(this.store, events);
      for (const m of this.modules) m.endBlock?.(ctx);
      this.height++;
      this.time = new Date(this.time.getTime() + this.config.blockTimeMs);
      const begin = this.blockContext(this.store, events);
      for (const m of this.modules) m.beginBlock?.(begin);
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
