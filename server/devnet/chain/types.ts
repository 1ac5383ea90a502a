/**
 * The devnet chain's internal contract. Modules (bank, deployment, market, ...) are written
 * against these types; the tx pipeline, the block producer, the RPC and REST servers consume them.
 *
 * State values are plain JSON data (strings for 64-bit ints and decimals, no Long/Uint8Array/bigint)
 * so that persistence is a plain JSON write and a branch/commit is cheap.
 */
/** The shape of every chain-sdk generated message codec (ts-proto style). */
export interface MessageFns<T, V extends string = string> {
  readonly $type: V;
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromJSON(object: any): T; // eslint-disable-line @typescript-eslint/no-explicit-any
  toJSON(message: T): unknown;
  fromPartial(object: any): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** An ordered key-value store. Keys sort lexicographically; use fixed-width numbers in keys. */
export interface KVStore {
  get<T = unknown>(key: string): T | undefined;
  has(key: string): boolean;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Entries whose key starts with `prefix`, ascending (or descending with `reverse`). */
  iterate<T = unknown>(prefix: string, opts?: { reverse?: boolean; start?: string }): Iterable<[string, T]>;
}

/** Gas accounting as the Cosmos SDK does it (KV costs, tx size, signature verification). */
export interface GasMeter {
  readonly limit: number; // Infinity for simulate and block hooks
  readonly consumed: number;
  /** Throws ChainError(sdk, 11 "out of gas") when the limit is passed. */
  consume(amount: number, descriptor: string): void;
}

export interface EventAttribute {
  key: string;
  value: string;
  index: boolean;
}
export interface ChainEvent {
  type: string;
  attributes: EventAttribute[];
}

export interface EventManager {
  /** A plain event, e.g. `transfer` with recipient/sender/amount. */
  emit(type: string, attributes: Record<string, string>): void;
  /**
   * A typed event the way the SDK's EmitTypedEvent does it: type = proto full name
   * (e.g. `akash.market.v1.EventBidCreated`), one attribute per top-level field whose value is
   * that field's proto-JSON (strings are JSON-quoted).
   */
  emitTyped<T>(type: MessageFns<T, string>, value: T): void;
  readonly events: ChainEvent[];
}

export interface Coin {
  denom: string;
  amount: string; // integer string
}
export interface DecCoin {
  denom: string;
  amount: string; // decimal string, up to 18 fractional digits
}

/** Bank keeper surface that other modules use. Amounts are integer strings. */
export interface BankKeeper {
  balance(store: KVStore, address: string, denom: string): bigint;
  allBalances(store: KVStore, address: string): Coin[];
  /** Moves coins; throws ChainError insufficient funds (sdk 5). Emits transfer/coin_spent/coin_received. */
  send(ctx: TxContext, from: string, to: string, coins: Coin[]): void;
  mint(ctx: TxContext, to: string, coins: Coin[]): void;
  burn(ctx: TxContext, from: string, coins: Coin[]): void;
  /** Deterministic module account address, e.g. moduleAddress("escrow"). */
  moduleAddress(name: string): string;
  /** Whether the denom may be sent with MsgSend (uact is not). */
  isSendEnabled(denom: string): boolean;
}

/** The app's message router (baseapp MsgServiceRouter): what x/authz MsgExec dispatches through. */
export interface MsgRouter {
  handler(typeUrl: string): MsgHandler | undefined;
}

export interface Keepers {
  bank: BankKeeper;
  /** Set by the app (and the module test harness) so MsgExec can route inner messages. */
  router?: MsgRouter;
  /** Read another module's state without importing its internals. Filled in by the app. */
  [name: string]: unknown;
}

export interface ChainConfig {
  chainId: string;
  bondDenom: string; // "uakt"
  actDenom: string; // "uact"
  /** AKT price in USD (= ACT) used by the BME mint. */
  aktPriceUsd: number;
  /** Minimum gas price in uakt per gas unit, e.g. 0.025 */
  minGasPrice: number;
  blockTimeMs: number;
  /** Address of the devnet auditor, whose attributes are trusted. */
  auditorAddress: string;
  /** uakt legacy mode: accept uakt-priced deployments (pre-BME chain). */
  legacyUaktPricing: boolean;
}

export interface BlockContext {
  store: KVStore;
  height: number;
  time: Date;
  config: ChainConfig;
  keepers: Keepers;
  events: EventManager;
  gas: GasMeter;
}

/** Context for one message of a tx. `store` is a branch: it is committed only if the whole tx succeeds. */
export interface TxContext extends BlockContext {
  /** Signers of the tx, bech32. */
  signers: string[];
  /** 0-based index of the message in the tx; typed events carry it as `msg_index`. */
  msgIndex: number;
}

export interface QueryContext {
  store: KVStore; // read-only view of committed state
  height: number;
  time: Date;
  config: ChainConfig;
  keepers: Keepers;
}

export interface MsgHandler<T = unknown, R = unknown> {
  typeUrl: string; // "/akash.deployment.v1beta4.MsgCreateDeployment"
  /** Amino name for LEGACY_AMINO_JSON signing, e.g. "akash-sdk/x/deployment/MsgCreateDeployment". */
  aminoType?: string;
  type: MessageFns<T, string>;
  responseType: MessageFns<R, string>;
  /** Addresses that must sign this message. */
  signers(msg: T): string[];
  /** Stateless checks (the SDK's ValidateBasic). Throw ChainError. */
  validateBasic?(msg: T, config: ChainConfig): void;
  handle(ctx: TxContext, msg: T): R;
}

export interface QueryHandler<Req = unknown, Res = unknown> {
  /** ABCI path, "/akash.market.v1beta5.Query/Bids". */
  path: string;
  request: MessageFns<Req, string>;
  response: MessageFns<Res, string>;
  handle(ctx: QueryContext, req: Req): Res;
  /**
   * `handle` returns complete messages (every field set; parts may be shared between answers and are never mutated),
   * so the REST gateway renders them as they are instead of normalising a copy (fromPartial) first.
   */
  complete?: boolean;
}

export interface Module {
  name: string;
  msgs: MsgHandler<any, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  queries: QueryHandler<any, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Cross-module keeper; the app puts it at keepers[name] so other modules can use it. */
  keeper?: unknown;
  /** Called once on a fresh chain. */
  initGenesis?(ctx: BlockContext): void;
  beginBlock?(ctx: BlockContext): void;
  endBlock?(ctx: BlockContext): void;
}
