/** The one button for "no wallet yet": says "Unlock wallet" when the built-in wallet only needs its password. */
import { Button } from "@/components/ui/button";
import { useWallet } from "./wallet-context";

export function ConnectWalletButton({ size }: { size?: "sm" }) {
  const { status, connecting, connectLabel, openConnectDialog } = useWallet();
  const resuming = status === "connecting" && connecting === "builtin";
  return (
    <Button size={size} onClick={openConnectDialog} loading={resuming} disabled={resuming}>
      {resuming ? "Unlocking…" : connectLabel}
    </Button>
  );
}
