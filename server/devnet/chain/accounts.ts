import type { KVStore } from "./types.ts";

/**
 * x/auth account state. Stored as plain JSON; pubKey is the base64 of the 33-byte compressed
 * secp256k1 key (null until the account's first tx), numbers are decimal strings.
 */
export interface AccountRecord {
  address: string;
  accountNumber: string;
  sequence: string;
  pubKey: string | null;
  /** Set for module accounts (x/auth ModuleAccount). */
  module?: { name: string; permissions: string[] };
}

const ACC = "auth/acc/";
const NEXT_NUM = "auth/next_account_number";

export function accountKey(address: string): string {
  return ACC + address;
}

export function getAccount(store: KVStore, address: string): AccountRecord | undefined {
  return store.get<AccountRecord>(ACC + address);
}

export function setAccount(store: KVStore, account: AccountRecord): void {
  store.set(ACC + account.address, account);
}

export function hasAccount(store: KVStore, address: string): boolean {
  return store.has(ACC + address);
}

export function* iterateAccounts(store: KVStore, start?: string): Iterable<AccountRecord> {
  for (const [, acc] of store.iterate<AccountRecord>(ACC, start === undefined ? {} : { start: ACC + start })) yield acc;
}

function takeAccountNumber(store: KVStore): string {
  const n = store.get<string>(NEXT_NUM) ?? "0";
  store.set(NEXT_NUM, (BigInt(n) + 1n).toString());
  return n;
}

/** ak.NewAccountWithAddress + SetAccount: a BaseAccount with the next account number. */
export function createAccount(store: KVStore, address: string, module?: AccountRecord["module"]): AccountRecord {
  const acc: AccountRecord = { address, accountNumber: takeAccountNumber(store), sequence: "0", pubKey: null };
  if (module) acc.module = module;
  setAccount(store, acc);
  return acc;
}

export function ensureAccount(store: KVStore, address: string, module?: AccountRecord["module"]): AccountRecord {
  return getAccount(store, address) ?? createAccount(store, address, module);
}
