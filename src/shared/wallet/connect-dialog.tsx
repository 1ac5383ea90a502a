import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useNetwork } from "@/shared/network";
import { BuiltinWalletPanel } from "./builtin-wallet";
import { EXTENSION_WALLETS } from "./types";
import { useWallet } from "./wallet-context";

export function ConnectWalletDialog() {
  const { network } = useNetwork();
  const { connectDialogOpen, closeConnectDialog, connectExtension, connecting, error, connectView: view, setConnectView: setView } = useWallet();
  const close = closeConnectDialog;
  return (
    <Dialog open={connectDialogOpen} onClose={close} title={view === "builtin" ? "Built-in devnet wallet" : "Connect a wallet"} description={view === "builtin" ? "Keys stay in this browser, encrypted with your password." : `Network: ${network.label}`}>
      {view === "builtin" ? (
        <div className="flex flex-col gap-4">
          <BuiltinWalletPanel />
          <button type="button" onClick={() => setView("choose")} className="self-start text-sm text-muted hover:text-fg">
            ← Other wallets
          </button>
        </div>
      ) : (
        <div className="flex flex-col gap-3">
          {network.builtinWallet && (
            <button type="button" onClick={() => setView("builtin")} className="flex items-center justify-between gap-3 rounded-lg border border-brand/40 bg-brand/5 px-4 py-3 text-left hover:bg-brand/10">
              <span>
                <span className="block text-sm font-semibold">Built-in devnet wallet</span>
                <span className="block text-xs text-muted">No extension needed. Create or import a phrase; fund it from the faucet.</span>
              </span>
              <span aria-hidden="true" className="text-muted">
                →
              </span>
            </button>
          )}
          <ul className="flex flex-col gap-2" aria-label="Browser extension wallets">
            {EXTENSION_WALLETS.map((w) => (
              <li key={w.name}>
                <Button variant="secondary" className="w-full justify-between!" onClick={() => connectExtension(w.name)} loading={connecting === w.name} disabled={connecting !== null && connecting !== w.name}>
                  <span>{w.label}</span>
                  <span className="text-xs font-normal text-muted">{connecting === w.name ? "Check the extension…" : "Extension"}</span>
                </Button>
              </li>
            ))}
          </ul>
          {network.suggestChain && <p className="text-xs text-muted">If the extension does not know {network.label} yet, it will ask you to add it.</p>}
          {error && (
            <Alert tone="error" title="Could not connect">
              {error}
            </Alert>
          )}
        </div>
      )}
    </Dialog>
  );
}
