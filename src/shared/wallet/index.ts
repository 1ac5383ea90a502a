export { WalletProvider, useWallet, type WalletContextValue, type SendOptions } from "./wallet-context";
export { ConnectWalletDialog } from "./connect-dialog";
export { WalletButton } from "./wallet-button";
export { walletLabel, type ConnectedWallet, type WalletKind } from "./types";
export { ConnectWalletButton } from "./connect-wallet-button";
export type { TxMove } from "./types";
export { FaucetButton, useFaucetCredit } from "./faucet-button";
