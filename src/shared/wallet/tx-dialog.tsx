import type { StdFee } from "@cosmjs/stargate";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { formatCoin, shortenAddress } from "@/lib/format/coins";
import type { TxErrorDescription } from "@/lib/tx/errors";
import { formatMoveAmount } from "@/lib/wallet/tx-moves";
import { walletLabel, type TxMove, type WalletKind } from "./types";

export interface TxFlowState {
  title: string;
  /** Confirmed transactions leave the dialog for a toast, so there is no "done" stage. */
  stage: "estimating" | "confirm" | "signing" | "error";
  /** What the transaction moves besides the fee; empty when only the fee does. */
  moves: readonly TxMove[];
  fee?: StdFee;
  gas?: number;
  error?: TxErrorDescription;
  /** Why the user is asked again (the fee's payer changed after the chain refused a fee allowance). */
  notice?: string;
}

/** The amounts a transaction moves, first in the dialog: nobody signs without seeing how much. */
function TxMoves({ moves }: { moves: readonly TxMove[] }) {
  if (moves.length === 0) return <p className="text-sm text-muted" data-testid="tx-moves">No funds move: only the network fee below is paid.</p>;
  return (
    <dl className="flex flex-col gap-2 rounded-lg border border-border bg-surface-2 p-3 text-sm" data-testid="tx-moves">
      {moves.map((move, index) => (
        <div key={index} className="flex flex-col">
          <div className="flex items-baseline justify-between gap-4">
            <dt className="text-muted">{move.label}</dt>
            <dd className="text-right font-semibold tabular-nums">{formatMoveAmount(move.amount, { per: move.per, usd: move.usd })}</dd>
          </div>
          {move.note && <dd className="text-xs text-muted">{move.note}</dd>}
        </div>
      ))}
    </dl>
  );
}

export function TxDialog({ state, walletKind, onApprove, onClose }: { state: TxFlowState | null; walletKind: WalletKind | null; onApprove: () => void; onClose: () => void }) {
  const fee = state?.fee?.amount[0];
  const busy = state?.stage === "estimating" || state?.stage === "signing";
  return (
    <Dialog open={state !== null} onClose={onClose} title={state?.title ?? ""} description="Review the transaction before signing.">
      {state && (
        <div className="flex flex-col gap-4">
          <TxMoves moves={state.moves} />
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted">Network fee</dt>
            <dd className="text-right font-medium" data-testid="tx-fee">
              {fee ? formatCoin(fee.amount, fee.denom) : state.stage === "estimating" ? "Estimating…" : "—"}
            </dd>
            {state.fee?.granter && (
              <>
                <dt className="text-muted">Fee paid by</dt>
                <dd className="text-right" data-testid="tx-fee-granter" title={state.fee.granter}>
                  {shortenAddress(state.fee.granter)} (fee allowance)
                </dd>
              </>
            )}
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
          {state.stage === "confirm" && state.notice && (
            <Alert tone="warn" title="Who pays the fee changed">
              <span data-testid="tx-notice">{state.notice}</span>
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
