/** A confirmed transaction says so in a toast (never a dialog over the flow it belongs to), with its hash to copy. */
import { toast } from "sonner";
import { CopyButton } from "@/components/ui/copy-button";
import { formatHeight } from "@/lib/format/coins";
import type { TxResult } from "@/lib/tx/signing";
import { formatMoveAmount } from "@/lib/wallet/tx-moves";
import type { TxMove } from "./types";

function TxConfirmedBody({ result, moves }: { result: TxResult; moves: readonly TxMove[] }) {
  return (
    <div className="flex flex-col gap-1" data-testid="tx-confirmed">
      {moves.map((move, index) => (
        <span key={index}>
          {move.label}: {formatMoveAmount(move.amount, { per: move.per, usd: move.usd })}
        </span>
      ))}
      <span>Included in block {formatHeight(result.height)}.</span>
      <span className="flex items-center gap-2">
        <span className="font-mono text-xs break-all" data-testid="tx-hash">
          {result.hash}
        </span>
        <CopyButton value={result.hash} label="Copy transaction hash" />
      </span>
    </div>
  );
}

export function toastTxConfirmed(title: string, result: TxResult, moves: readonly TxMove[]) {
  toast.success(title, { description: <TxConfirmedBody result={result} moves={moves} />, duration: 12_000 });
}
