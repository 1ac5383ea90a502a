/**
 * Loaded on demand: cosmos-kit (react-lite ChainProvider) with the Keplr, Leap, Cosmostation and OKX
 * extensions (wallets that need no online service).
 * It renders nothing; it connects the requested wallet and reports the result to the WalletProvider.
 */
import "./node-globals";
import { useContext, useEffect, useMemo, type ComponentProps } from "react";
import { ChainProvider, walletContext } from "@cosmos-kit/react-lite";
import type { MainWalletBase } from "@cosmos-kit/core";
import { wallets as keplrWallets } from "@cosmos-kit/keplr-extension";
import { wallets as leapWallets } from "@cosmos-kit/leap-extension";
import { wallets as cosmostationWallets } from "@cosmos-kit/cosmostation-extension";
import { wallets as okxWallets } from "@cosmos-kit/okxwallet-extension";
import type { StdSignature } from "@cosmjs/amino";
import type { OfflineSigner } from "@cosmjs/proto-signing";
import type { NetworkConfig } from "@/lib/networks/networks";
import { chainNameFor, toRegistryAssetList, toRegistryChain } from "@/lib/wallet/chain-info";
import type { ConnectedWallet, ExtensionWalletName } from "./types";
import { getErrorMessage } from "@/lib/errors";

export interface BridgeRequest {
  walletName: ExtensionWalletName;
  nonce: number;
  action: "connect" | "disconnect";
}

export interface BridgeResult {
  nonce: number;
  ok: boolean;
  address?: string;
  name?: string;
  signer?: OfflineSigner;
  error?: string;
  /** The extension switched to another account after the first connection. */
  accountChanged?: boolean;
  /** ADR-36 `signArbitrary` of the extension (provider JWTs), when it has one. */
  dataSigner?: ConnectedWallet["dataSigner"];
}

type ProviderProps = ComponentProps<typeof ChainProvider>;

const ALL_WALLETS = [...keplrWallets, ...leapWallets, ...cosmostationWallets, ...okxWallets] as unknown as MainWalletBase[];

export default function CosmosKitBridge({ network, chainId, request, onResult }: { network: NetworkConfig; chainId: string; request: BridgeRequest; onResult: (result: BridgeResult) => void }) {
  const chains = useMemo(() => [toRegistryChain(network, chainId) as unknown as ProviderProps["chains"][number]], [network, chainId]);
  const assetLists = useMemo(() => [toRegistryAssetList(network) as unknown as NonNullable<ProviderProps["assetLists"]>[number]], [network]);
  return (
    <ChainProvider
      chains={chains}
      assetLists={assetLists}
      wallets={ALL_WALLETS}
      throwErrors={false}
      subscribeConnectEvents={false}
      logLevel="NONE"
      signerOptions={{ preferredSignType: () => "direct" }}
      endpointOptions={{ isLazy: true, endpoints: { [chainNameFor(network)]: { rpc: [network.rpcUrl], rest: [network.restUrl], isLazy: true } } }}
      sessionOptions={{ duration: 1000 * 60 * 60 * 24 * 7 }}
    >
      <Connector chainName={chainNameFor(network)} chainId={chainId} request={request} onResult={onResult} />
    </ChainProvider>
  );
}

function Connector({ chainName, chainId, request, onResult }: { chainName: string; chainId: string; request: BridgeRequest; onResult: (result: BridgeResult) => void }) {
  const context = useContext(walletContext);
  const manager = context?.walletManager;
  useEffect(() => {
    if (!manager) return;
    let cancelled = false;
    const chainWallet = manager.getChainWallet(chainName, request.walletName);
    if (request.action === "disconnect") {
      void chainWallet.disconnect();
      return;
    }
    chainWallet.activate();
    const connect = async (accountChanged: boolean) => {
      await chainWallet.connect();
      if (cancelled) return;
      if (chainWallet.walletStatus !== "Connected" || !chainWallet.address || !chainWallet.client) {
        onResult({ nonce: request.nonce, ok: false, error: connectErrorMessage(chainWallet.walletStatus, chainWallet.message, chainWallet.walletInfo.prettyName) });
        return;
      }
      const client = chainWallet.client as unknown as {
        getAccount?: (chainId: string) => Promise<{ isNanoLedger?: boolean; username?: string }>;
        getOfflineSignerDirect?: (chainId: string) => OfflineSigner;
        getOfflineSignerAmino?: (chainId: string) => OfflineSigner;
        getOfflineSigner: (chainId: string, type?: "direct" | "amino") => Promise<OfflineSigner> | OfflineSigner;
        signArbitrary?: (chainId: string, signer: string, data: string | Uint8Array) => Promise<StdSignature>;
      };
      // Ledger keys can only sign amino; everything else signs direct.
      let ledger: boolean;
      try {
        ledger = Boolean((await client.getAccount?.(chainId))?.isNanoLedger);
      } catch {
        ledger = false;
      }
      const signer = ledger ? (client.getOfflineSignerAmino?.(chainId) ?? (await client.getOfflineSigner(chainId, "amino"))) : (client.getOfflineSignerDirect?.(chainId) ?? (await client.getOfflineSigner(chainId, "direct")));
      const signArbitrary = client.signArbitrary?.bind(client);
      const dataSigner = signArbitrary ? { signArbitrary: (signerAddress: string, data: string | Uint8Array) => signArbitrary(chainId, signerAddress, data) } : undefined;
      onResult({ nonce: request.nonce, ok: true, address: chainWallet.address, name: chainWallet.username, signer, accountChanged, dataSigner });
    };
    const fail = (error: unknown) => {
      if (!cancelled) onResult({ nonce: request.nonce, ok: false, error: getErrorMessage(error) });
    };
    connect(false).catch(fail);
    // The user switched accounts in the extension (e.g. "keplr_keystorechange"): follow it.
    const events = chainWallet.walletInfo.connectEventNamesOnWindow ?? [];
    const onAccountChange = () => void connect(true).catch(fail);
    events.forEach((name) => window.addEventListener(name, onAccountChange));
    return () => {
      cancelled = true;
      events.forEach((name) => window.removeEventListener(name, onAccountChange));
    };
    // One connection attempt per request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [manager, request.nonce]);
  return null;
}

function connectErrorMessage(status: string, message: string | undefined, walletName: string): string {
  if (status === "NotExist") return `${walletName} is not installed in this browser (or is disabled). Install the extension, reload, and try again.`;
  if (status === "Rejected") return `You declined the connection in ${walletName}.`;
  const text = message ?? "";
  if (/no chain info|there is no chain info|not supported|unknown chain/i.test(text)) return `${walletName} does not know this network and could not add it: ${text}`;
  if (/locked|unlock/i.test(text)) return `${walletName} is locked. Unlock it and try again.`;
  return text ? `${walletName}: ${text}` : `${walletName} could not connect.`;
}
