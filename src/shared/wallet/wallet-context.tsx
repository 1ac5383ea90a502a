import { Component, createContext, lazy, Suspense, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { chainKeys } from "@/shared/chain-data/keys";
import { networkKey, readJson, useNetwork, useNodeHealth, writeJson } from "@/shared/network";
import type { TxClient, TxResult } from "@/lib/tx/signing";
import type { BridgeRequest, BridgeResult } from "./cosmos-kit-bridge";
import { TxDialog, type TxFlowState } from "./tx-dialog";
import { toastTxConfirmed } from "./tx-toast";
import { walletLabel, type ConnectedWallet, type ExtensionWalletName, type TxMove, type WalletKind } from "./types";
import { BUILTIN_WALLET_IDLE_LOCK_MS, watchIdle } from "@/lib/wallet/idle-lock";
import { endBuiltinSession, hasBuiltinSession, hasSavedVault, resumeBuiltinSession, touchBuiltinSession } from "./builtin-session";

const CosmosKitBridge = lazy(() => import("./cosmos-kit-bridge"));

/** How long a confirmed tx's follow-up work (a lease's manifest PUT) goes before the refetch of every chain query. */
const CONFIRMED_WORK_FIRST_MS = 1500;

/** Waits for `work` to settle or `ms` to pass, whichever is first; never rejects. */
function firstOf(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    work.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });
}

/** A failure inside the wallet libraries becomes a connection error, never a crashed app. */
class BridgeBoundary extends Component<{ onError: (message: string) => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: Error) {
    const chunk = /dynamically imported module|Importing a module script failed/i.test(error.message);
    this.props.onError(chunk ? "The wallet support could not be downloaded. Check your connection and try again." : `The wallet library failed: ${error.message}`);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

export type WalletStatus = "disconnected" | "connecting" | "connected";

/** What the connect dialog shows: the wallet picker, or the built-in wallet (its unlock form when one is saved). */
export type ConnectView = "choose" | "builtin";

export interface SendOptions {
  /** What the user is doing, e.g. "Mint 10 ACT". */
  title: string;
  /** What the transaction moves besides the fee, shown before signing and in the confirmation; [] when nothing does. */
  moves: readonly TxMove[];
  memo?: string;
  /**
   * Called the moment the tx is in a block, before the dialog closes and the chain queries are refetched (send
   * resolves after those): for work that must follow the block at once, e.g. sending a new lease's manifest. A
   * returned promise holds the refetch until it settles (at most CONFIRMED_WORK_FIRST_MS), so that work does not
   * queue behind a burst of chain reads.
   */
  onConfirmed?: (result: TxResult) => Promise<unknown> | void;
  /** Called once the user approves, just before the tx is signed and broadcast: for what must be ready before its
   * block, e.g. subscribing to the bids that follow a new deployment. */
  onApproved?: () => void;
}

export interface WalletContextValue {
  wallet: ConnectedWallet | null;
  status: WalletStatus;
  connecting: WalletKind | null;
  error: string | null;
  /** Kind of the wallet used last on this network (to offer a reconnect / unlock). */
  lastKind: WalletKind | null;
  connectDialogOpen: boolean;
  connectView: ConnectView;
  setConnectView: (view: ConnectView) => void;
  /**
   * Opens the connect dialog where the user's next step is: the built-in wallet's unlock form when that was the
   * wallet used last here (one action, "Unlock wallet"), otherwise the picker.
   */
  openConnectDialog: () => void;
  /** The label of the button that opens it: "Unlock wallet" or "Connect wallet". */
  connectLabel: string;
  closeConnectDialog: () => void;
  connectExtension: (name: ExtensionWalletName) => void;
  connectBuiltin: (wallet: ConnectedWallet) => void;
  disconnect: () => void;
  /** The one signing path: simulate, show the fee, sign, broadcast, wait for inclusion. Resolves null when cancelled or failed. */
  send: (messages: EncodeObject[], options: SendOptions) => Promise<TxResult | null>;
}

const WalletContext = createContext<WalletContextValue | null>(null);

export function WalletProvider({ children }: { children: ReactNode }) {
  const { network } = useNetwork();
  const { health } = useNodeHealth();
  const queryClient = useQueryClient();
  const [wallet, setWallet] = useState<ConnectedWallet | null>(null);
  const [connecting, setConnecting] = useState<WalletKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connectDialogOpen, setConnectDialogOpen] = useState(false);
  const [connectView, setConnectView] = useState<ConnectView>("choose");
  const [bridgeRequest, setBridgeRequest] = useState<BridgeRequest | null>(null);
  const [lastKind, setLastKind] = useState<WalletKind | null>(() => readJson<WalletKind>(networkKey(network.id, "last-wallet")));
  const [tx, setTx] = useState<TxFlowState | null>(null);
  const confirmRef = useRef<((ok: boolean) => void) | null>(null);
  const nonceRef = useRef(0);
  const requestRef = useRef<BridgeRequest | null>(null);
  const chainId = network.chainId || health?.chainId || "";

  // A wallet session belongs to one network.
  const [sessionNetwork, setSessionNetwork] = useState(network.id);
  if (sessionNetwork !== network.id) {
    setSessionNetwork(network.id);
    setWallet(null);
    setConnecting(null);
    setError(null);
    setBridgeRequest(null);
    setLastKind(readJson<WalletKind>(networkKey(network.id, "last-wallet")));
  }

  const rememberKind = useCallback(
    (kind: WalletKind | null) => {
      setLastKind(kind);
      if (kind) writeJson(networkKey(network.id, "last-wallet"), kind);
      else localStorage.removeItem(networkKey(network.id, "last-wallet"));
    },
    [network.id],
  );

  const connectExtension = useCallback(
    (name: ExtensionWalletName) => {
      if (!chainId) {
        setError("The network's node is not reachable, so its chain id is unknown. Check the node status and try again.");
        return;
      }
      nonceRef.current += 1;
      setError(null);
      setConnecting(name);
      requestRef.current = { walletName: name, nonce: nonceRef.current, action: "connect" };
      setBridgeRequest(requestRef.current);
    },
    [chainId],
  );

  const onBridgeResult = useCallback(
    (result: BridgeResult) => {
      if (result.nonce !== nonceRef.current) return;
      setConnecting(null);
      const request = requestRef.current;
      if (result.ok && result.signer && result.address && request) {
        setWallet({ kind: request.walletName, address: result.address, signer: result.signer, name: result.name, dataSigner: result.dataSigner });
        rememberKind(request.walletName);
        setConnectDialogOpen(false);
        if (result.accountChanged) toast(`${walletLabel(request.walletName)} account changed`, { description: result.address });
        else toast.success(`Connected ${walletLabel(request.walletName)}`);
      } else {
        setError(result.error ?? "Could not connect the wallet");
      }
    },
    [rememberKind],
  );

  const [bridgeFailures, setBridgeFailures] = useState(0);
  const onBridgeError = useCallback((message: string) => {
    setConnecting(null);
    setError(message);
    // Remount the boundary so the next attempt loads the bridge again.
    setBridgeFailures((n) => n + 1);
    setBridgeRequest(null);
  }, []);

  // Reconnect the extension used last time on this network (no prompt if it is still approved).
  const autoConnectTried = useRef<string | null>(null);
  useEffect(() => {
    if (wallet || connecting || !chainId || autoConnectTried.current === network.id) return;
    autoConnectTried.current = network.id;
    if (lastKind && lastKind !== "builtin") void Promise.resolve(lastKind).then(connectExtension);
  }, [wallet, connecting, chainId, network.id, lastKind, connectExtension]);

  // A reload keeps the built-in wallet unlocked within this tab's session (until the idle timeout): reopen it.
  const resumeTried = useRef<string | null>(null);
  useEffect(() => {
    if (wallet || resumeTried.current === network.id || !hasBuiltinSession(network.id)) return;
    resumeTried.current = network.id;
    const networkId = network.id;
    setConnecting("builtin");
    void resumeBuiltinSession(networkId, BUILTIN_WALLET_IDLE_LOCK_MS).then((resumed) => {
      setConnecting((current) => (current === "builtin" ? null : current));
      // The user may have switched network or connected another wallet meanwhile.
      if (resumed && resumeTried.current === networkId) setWallet((current) => current ?? resumed);
    });
  }, [wallet, network.id]);

  // The built-in wallet's key is in memory while it is unlocked: lock it when the user has been away a while.
  const builtinUnlocked = wallet?.kind === "builtin";
  useEffect(() => {
    if (!builtinUnlocked) return;
    const networkId = network.id;
    return watchIdle(
      window,
      BUILTIN_WALLET_IDLE_LOCK_MS,
      () => {
        setWallet(null);
        void endBuiltinSession(networkId);
        toast("The built-in wallet locked itself after 15 minutes without activity", { description: "Unlock it with your password to continue." });
      },
      { onActivity: () => touchBuiltinSession(networkId) },
    );
  }, [builtinUnlocked, network.id]);

  const connectBuiltin = useCallback(
    (next: ConnectedWallet) => {
      setWallet(next);
      setError(null);
      rememberKind("builtin");
      setConnectDialogOpen(false);
      setConnectView("choose");
    },
    [rememberKind],
  );

  const disconnect = useCallback(() => {
    if (wallet && wallet.kind !== "builtin") {
      nonceRef.current += 1;
      requestRef.current = { walletName: wallet.kind, nonce: nonceRef.current, action: "disconnect" };
      setBridgeRequest(requestRef.current);
    }
    if (wallet?.kind === "builtin") void endBuiltinSession(network.id);
    setWallet(null);
    rememberKind(null);
    toast("Wallet disconnected");
  }, [wallet, rememberKind, network.id]);

  // The built-in wallet was used last here and is still saved: the next step is to unlock it.
  const unlockFirst = lastKind === "builtin" && network.builtinWallet && hasSavedVault(network.id);
  const send = useCallback<WalletContextValue["send"]>(
    async (messages, options) => {
      if (!wallet) {
        setConnectView(unlockFirst ? "builtin" : "choose");
        setConnectDialogOpen(true);
        return null;
      }
      const [signing, { describeTxError }, { approveAndSend }, { feeAllowanceReader }] = await Promise.all([
        import("@/lib/tx/signing"),
        import("@/lib/tx/errors"),
        import("@/lib/tx/fee-granter"),
        import("@/shared/chain-data/grants"),
      ]);
      const { moves } = options;
      setTx({ title: options.title, stage: "estimating", moves });
      let client: TxClient | null = null;
      try {
        client = await signing.TxClient.connect({ address: wallet.address, signer: wallet.signer }, { rpcUrl: network.rpcUrl, chainId });
        const connected = client;
        const allowances = feeAllowanceReader(queryClient, { id: network.id, restUrl: network.restUrl }, wallet.address);
        const result = await approveAndSend(await connected.prepare(messages, options.memo), allowances, {
          approve: (prepared, notice) => {
            setTx({ title: options.title, stage: "confirm", moves, fee: prepared.fee, gas: prepared.gasUsed, notice });
            return new Promise<boolean>((resolve) => {
              confirmRef.current = resolve;
            });
          },
          send: (prepared) => {
            setTx((current) => current && { ...current, stage: "signing" });
            try {
              options.onApproved?.();
            } catch (error) {
              // Preparation for what follows the tx; the tx itself goes ahead.
              console.error("onApproved failed:", error);
            }
            return connected.signAndBroadcast(prepared);
          },
          rechoosing: () => setTx((current) => current && { ...current, stage: "estimating" }),
        });
        if (!result) {
          setTx(null);
          return null;
        }
        let confirmedWork: Promise<unknown> | void = undefined;
        try {
          confirmedWork = options.onConfirmed?.(result);
        } catch (error) {
          // The tx is in a block whatever the callback does: never report it as failed.
          console.error("onConfirmed failed:", error);
        }
        // The dialog steps aside at once: the flow underneath goes on, and a toast says what happened.
        setTx(null);
        toastTxConfirmed(options.title, result, moves);
        if (confirmedWork) await firstOf(confirmedWork, CONFIRMED_WORK_FIRST_MS);
        await queryClient.invalidateQueries({ queryKey: chainKeys.all(network.id) });
        return result;
      } catch (err) {
        const description = describeTxError(err);
        setTx((current) => ({ title: current?.title ?? options.title, stage: "error", moves, error: description, fee: current?.fee, gas: current?.gas }));
        toast.error(description.title, { description: description.detail });
        return null;
      } finally {
        client?.disconnect();
      }
    },
    [wallet, unlockFirst, network.rpcUrl, network.restUrl, network.id, chainId, queryClient],
  );

  const value = useMemo<WalletContextValue>(
    () => ({
      wallet,
      status: wallet ? "connected" : connecting ? "connecting" : "disconnected",
      connecting,
      error,
      lastKind,
      connectDialogOpen,
      connectView,
      setConnectView,
      openConnectDialog: () => {
        setError(null);
        setConnectView(unlockFirst ? "builtin" : "choose");
        setConnectDialogOpen(true);
      },
      connectLabel: unlockFirst ? "Unlock wallet" : "Connect wallet",
      closeConnectDialog: () => {
        setConnectDialogOpen(false);
        setConnectView("choose");
      },
      connectExtension,
      connectBuiltin,
      disconnect,
      send,
    }),
    [wallet, connecting, error, lastKind, connectDialogOpen, connectView, unlockFirst, connectExtension, connectBuiltin, disconnect, send],
  );

  return (
    <WalletContext.Provider value={value}>
      {children}
      {bridgeRequest && chainId && (
        <BridgeBoundary key={`${network.id}:${chainId}:${network.rpcUrl}:${bridgeFailures}`} onError={onBridgeError}>
          <Suspense fallback={null}>
            <CosmosKitBridge network={network} chainId={chainId} request={bridgeRequest} onResult={onBridgeResult} />
          </Suspense>
        </BridgeBoundary>
      )}
      <TxDialog
        state={tx}
        walletKind={wallet?.kind ?? null}
        onApprove={() => {
          confirmRef.current?.(true);
          confirmRef.current = null;
        }}
        onClose={() => {
          confirmRef.current?.(false);
          confirmRef.current = null;
          setTx((current) => (current && (current.stage === "signing" || current.stage === "estimating") ? current : null));
        }}
      />
    </WalletContext.Provider>
  );
}

export function useWallet(): WalletContextValue {
  const value = useContext(WalletContext);
  if (!value) throw new Error("useWallet must be used inside WalletProvider");
  return value;
}
