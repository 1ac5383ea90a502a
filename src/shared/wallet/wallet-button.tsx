import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { shortenAddress } from "@/lib/format/coins";
import { walletLabel } from "./types";
import { useWallet } from "./wallet-context";

export function WalletButton() {
  const { wallet, status, connecting, connectLabel, openConnectDialog, disconnect } = useWallet();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  if (!wallet) {
    return (
      <Button size="sm" onClick={openConnectDialog} loading={status === "connecting"}>
        {status === "connecting" ? (connecting === "builtin" ? "Unlocking…" : "Connecting…") : connectLabel}
      </Button>
    );
  }
  return (
    <div className="relative" ref={ref}>
      <Button variant="secondary" size="sm" aria-haspopup="menu" aria-expanded={open} aria-label={`Wallet ${wallet.address}`} onClick={() => setOpen((v) => !v)}>
        <span className="size-2 rounded-full bg-ok" aria-hidden="true" />
        {/* A phone's header has room for the address's tail only; the full address is the button's name. */}
        <span className="font-mono text-xs max-sm:hidden">{shortenAddress(wallet.address, 8, 4)}</span>
        <span className="font-mono text-xs sm:hidden">…{wallet.address.slice(-4)}</span>
      </Button>
      {open && (
        <div role="menu" className="absolute right-0 z-30 mt-2 w-64 rounded-lg border border-border bg-surface p-1 shadow-lg">
          <p className="px-3 py-2 text-xs text-muted">
            {walletLabel(wallet.kind)}
            {wallet.name ? ` · ${wallet.name}` : ""}
          </p>
          <Link role="menuitem" to="/account" onClick={() => setOpen(false)} className="block rounded-md px-3 py-2 text-sm hover:bg-surface-2">
            Account & balances
          </Link>
          <button
            role="menuitem"
            type="button"
            className="block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-surface-2"
            onClick={async () => {
              setOpen(false);
              try {
                await navigator.clipboard.writeText(wallet.address);
                toast.success("Address copied");
              } catch {
                toast.error("Could not copy: the browser blocked clipboard access");
              }
            }}
          >
            Copy address
          </button>
          <button
            role="menuitem"
            type="button"
            className="block w-full rounded-md px-3 py-2 text-left text-sm text-danger hover:bg-surface-2"
            onClick={() => {
              setOpen(false);
              disconnect();
            }}
          >
            Disconnect
          </button>
        </div>
      )}
    </div>
  );
}
