/**
 * The built-in wallet's tab session (lib/wallet/session): unlocked once, it stays unlocked across reloads of this
 * tab until the idle timeout, a lock or a disconnect. sessionStorage holds the sealed phrase for this network;
 * IndexedDB the non-extractable key. Any failure here only means the password is asked again.
 */
import type { NetworkId } from "@/lib/networks/networks";
import { networkKey } from "@/shared/network";
import { openSession, parseSessionRecord, sealSession, SESSION_MAX_AGE_MS, type SessionKeyStore, type SessionRecord } from "@/lib/wallet/session";
import { indexedDbSessionKeyStore } from "@/lib/wallet/session-key-store";
import { parseVaultRecord } from "@/lib/wallet/vault";
import type { ConnectedWallet } from "./types";

/** Where the password-encrypted vault of the network's built-in wallet is kept (localStorage). */
export const vaultStorageKey = (networkId: NetworkId) => networkKey(networkId, "builtin-wallet");

export function hasSavedVault(networkId: NetworkId): boolean {
  try {
    return parseVaultRecord(localStorage.getItem(vaultStorageKey(networkId))) !== null;
  } catch {
    return false;
  }
}

let keyStore: SessionKeyStore | null = null;
const keys = () => (keyStore ??= indexedDbSessionKeyStore());

const storageKey = (networkId: NetworkId) => networkKey(networkId, "builtin-session");

function read(networkId: NetworkId): SessionRecord | null {
  try {
    return parseSessionRecord(sessionStorage.getItem(storageKey(networkId)));
  } catch {
    return null;
  }
}

function write(networkId: NetworkId, record: SessionRecord) {
  try {
    sessionStorage.setItem(storageKey(networkId), JSON.stringify(record));
  } catch {
    // Storage disabled or full: the wallet works, a reload asks for the password.
  }
}

/** The signer and the ADR-36 data signer (provider JWTs) of a mnemonic. */
export async function builtinWalletFrom(mnemonic: string): Promise<ConnectedWallet> {
  const [{ walletFromMnemonic }, { Secp256k1HdWallet }] = await Promise.all([import("@/lib/wallet/mnemonic-wallet"), import("@cosmjs/amino")]);
  const { wallet, address } = await walletFromMnemonic(mnemonic);
  return { kind: "builtin", address, signer: wallet, dataSigner: await Secp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" }) };
}

/** After an unlock: seal the phrase for this tab, and forget keys of sessions older than any could live. */
export async function startBuiltinSession(networkId: NetworkId, mnemonic: string, address: string): Promise<void> {
  try {
    await endBuiltinSession(networkId);
    write(networkId, await sealSession(mnemonic, address, keys()));
    await keys().prune(Date.now() - SESSION_MAX_AGE_MS);
  } catch {
    // IndexedDB unavailable (private mode in some browsers): no session, the password is asked on reload.
  }
}

/** Whether this tab holds a session for the network (to say "Unlocking…" rather than "Connect" while it opens). */
export function hasBuiltinSession(networkId: NetworkId): boolean {
  return read(networkId) !== null;
}

/** The wallet of this tab's session, or null (none, expired, or its key gone: then the session is removed). */
export async function resumeBuiltinSession(networkId: NetworkId, idleMs: number): Promise<ConnectedWallet | null> {
  const record = read(networkId);
  if (!record) return null;
  try {
    const mnemonic = await openSession(record, keys(), idleMs);
    if (mnemonic) {
      const wallet = await builtinWalletFrom(mnemonic);
      if (wallet.address === record.address) return wallet;
    }
  } catch {
    // Treated as no session.
  }
  await endBuiltinSession(networkId);
  return null;
}

/** Records user activity, so the idle timeout after a reload counts from it. */
export function touchBuiltinSession(networkId: NetworkId, now = Date.now()) {
  const record = read(networkId);
  if (record) write(networkId, { ...record, lastActive: now });
}

export async function endBuiltinSession(networkId: NetworkId): Promise<void> {
  const record = read(networkId);
  try {
    sessionStorage.removeItem(storageKey(networkId));
  } catch {
    // nothing stored
  }
  if (record) await keys().delete(record.id).catch(() => undefined);
}
