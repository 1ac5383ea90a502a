import type { StdFee } from "@cosmjs/stargate";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { formatCoin } from "@/lib/format/coins";
import type { TxErrorDescription } from "@/lib/tx/errors";
import type { TxResult } from "@/lib/tx/signing";
import { walletLabel, type WalletKind } from "./types";

export interface TxFlowState {
  title: string;
  stage: "estimating" | "confirm" | "signing" | "done" | "error";
  fee?: StdFee;
  gas?: number;
  result?: TxResult;
  error?: TxErrorDescription;
}

export function TxDialog({ state, walletKind, onApprove, onClose }: { state: TxFlowState | null; walletKind: WalletKind | null; onApprove: () => void; onClose: () => void }) {
  const fee = state?.fee?.amount[0];
  const busy = state?.stage === "estimating" || state?.stage === "signing";
  return (
    <Dialog open={state !== null} onClose={onClose} title={state?.title ?? ""} description="Review the transaction before signing.">
      {state && (
        <div className="flex flex-col gap-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted">Network fee</dt>
            <dd className="text-right font-medium" data-testid="tx-fee">
              {fee ? formatCoin(fee.amount, fee.denom) : state.stage === "estimating" ? "Estimating…" : "—"}
            </dd>
            <dt className="text-muted">Gas limit</dt>
            <dd className="text-right tabular-nums">{state.fee ? Number(state.fee.gas).toLocaleString("en-US") : "—"}</dd>
            <dt className="text-muted">Signed by</dt>
            <dd className="text-right">{walletKind ? walletLabel(walletKind) : "—"}</dd>
          </dl>
          {state.stage === "estimating" && (
            <p className="flex items-center gap-2 text-sm text-muted">
              <Spinner className="size-4" /> Simulating to estimate gas…
            </p>
          )}
          {state.stage === "signing" && (
            <p className="flex items-center gap-2 text-sm text-muted" role="status">
              <Spinner className="size-4" /> {walletKind && walletKind !== "builtin" ? `Approve in ${walletLabel(walletKind)}, then waiting for the block…` : "Signing and waiting for the block…"}
            </p>
          )}
          {state.stage === "done" && state.result && (
            <Alert tone="success" title="Transaction confirmed">
              Included in block {state.result.height}. <span className="font-mono text-xs break-all">{state.result.hash}</span>
            </Alert>
          )}
          {state.stage === "error" && state.error && <Alert tone="error" title={state.error.title}>{state.error.detail}</Alert>}
          <div className="flex justify-end gap-2">
            {state.stage === "confirm" ? (
              <>
                <Button variant="secondary" onClick={onClose}>
                  Cancel
                </Button>
                <Button onClick={onApprove}>Approve and send</Button>
              </>
            ) : (
              <Button variant="secondary" onClick={onClose} disabled={busy}>
                Close
              </Button>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}
