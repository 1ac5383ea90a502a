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
}
