import type { GasMeter, KVStore } from "./types.ts";
import { ChainError } from "./errors.ts";

/** cosmos-sdk store/types/gas.go KVGasConfig(). */
export const KV_GAS = {
  hasCost: 1000,
  deleteCost: 1000,
  readCostFlat: 1000,
  readCostPerByte: 3,
  writeCostFlat: 2000,
  writeCostPerByte: 30,
  iterNextCostFlat: 30,
} as const;

/** x/auth default params. */
export const AUTH_GAS = {
  txSizeCostPerByte: 10,
  sigVerifyCostSecp256k1: 1000,
  sigVerifyCostEd25519: 590,
  maxMemoCharacters: 256,
  txSigLimit: 7,
} as const;

export class BasicGasMeter implements GasMeter {
  private used = 0;
  constructor(readonly limit: number) {}

  get consumed(): number {
    return this.used;
  }

  consume(amount: number, descriptor: string): void {
    this.used += amount;
    if (this.used > this.limit) {
      // The SDK's ErrorOutOfGas panic, recovered by baseapp into ErrOutOfGas with this log.
      throw new ChainError("sdk", 11, `out of gas in location: ${descriptor}; gasWanted: ${this.limit}, gasUsed: ${this.used}: out of gas`);
    }
  }

  /** baseapp caps the reported gas at the limit after an out-of-gas. */
  reported(): number {
    return Math.min(this.used, this.limit);
  }
}

export function isOutOfGas(err: unknown): boolean {
  return err instanceof ChainError && err.codespace === "sdk" && err.code === 11;
}

/** Byte length of a stored value as the gas store counts it (key + JSON value length). */
function valueLength(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value === "string") return value.length + 2;
  return JSON.stringify(value)?.length ?? 0;
}

/** store/gaskv: charges the SDK's KV costs on every access. */
export class GasKVStore implements KVStore {
  constructor(
    private readonly parent: KVStore,
    private readonly meter: GasMeter,
  ) {}

  get<T = unknown>(key: string): T | undefined {
    this.meter.consume(KV_GAS.readCostFlat, "ReadFlat");
    const v = this.parent.get<T>(key);
    this.meter.consume(KV_GAS.readCostPerByte * (key.length + valueLength(v)), "ReadPerByte");
    return v;
  }

  has(key: string): boolean {
    this.meter.consume(KV_GAS.hasCost, "Has");
    return this.parent.has(key);
  }

  set(key: string, value: unknown): void {
    this.meter.consume(KV_GAS.writeCostFlat, "WriteFlat");
    this.meter.consume(KV_GAS.writeCostPerByte * (key.length + valueLength(value)), "WritePerByte");
    this.parent.set(key, value);
  }

  delete(key: string): void {
    this.meter.consume(KV_GAS.deleteCost, "Delete");
    this.parent.delete(key);
  }

  *iterate<T = unknown>(prefix: string, opts?: { reverse?: boolean; start?: string }): Iterable<[string, T]> {
    for (const [k, v] of this.parent.iterate<T>(prefix, opts)) {
      // gaskv charges IterNextCostFlat plus the read-per-byte of each entry it yields.
      this.meter.consume(KV_GAS.iterNextCostFlat, "IterNextFlat");
      this.meter.consume(KV_GAS.readCostPerByte * (k.length + valueLength(v)), "ValuePerByte");
      yield [k, v];
    }
  }
}
