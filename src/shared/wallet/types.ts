import type { OfflineAminoSigner, StdSignature } from "@cosmjs/amino";
import type { OfflineSigner } from "@cosmjs/proto-signing";

export type ExtensionWalletName = "keplr-extension" | "leap-extension" | "cosmostation-extension" | "okxwallet-extension";
export type WalletKind = "builtin" | ExtensionWalletName;

export const EXTENSION_WALLETS: Array<{ name: ExtensionWalletName; label: string }> = [
  { name: "keplr-extension", label: "Keplr" },
  { name: "leap-extension", label: "Leap" },
  { name: "cosmostation-extension", label: "Cosmostation" },
  { name: "okxwallet-extension", label: "OKX Wallet" },
];

export function walletLabel(kind: WalletKind): string {
  if (kind === "builtin") return "Built-in wallet";
  return EXTENSION_WALLETS.find((w) => w.name === kind)?.label ?? kind;
}

export interface ConnectedWallet {
  kind: WalletKind;
  address: string;
  signer: OfflineSigner;
  /** Account name in the extension, when it has one. */
  name?: string;
  /**
   * Signs arbitrary data (ADR-36, Keplr's `signArbitrary`) — how provider JWTs are signed. An amino
   * signer of the same key works too (chain-sdk's JwtTokenManager accepts either). Absent when the
   * wallet cannot sign arbitrary data.
   */
  dataSigner?: { signArbitrary: (signer: string, data: string | Uint8Array) => Promise<StdSignature> } | OfflineAminoSigner;
}

export type { TxMove } from "@/lib/wallet/tx-moves";
