import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useWallet } from "@/shared/wallet";
import { previewMint } from "@/lib/chain/bme";
import { amountOf } from "@/lib/chain/coins";
import { baseToDisplay, displayToBase } from "@/lib/format/coins";
import { priceSourceLabel } from "@/lib/glossary";
import { mintMoves } from "@/lib/wallet/tx-moves";
import type { NetworkConfig } from "@/lib/networks/networks";
import { useBalances, useMintQuote } from "@/shared/chain-data";

/** Burn AKT to mint ACT (MsgMintACT), with a preview at the chain's current price. */
export function MintActCard({ network, address }: { network: NetworkConfig; address: string }) {
  const { send } = useWallet();
  const quote = useMintQuote();
  const balances = useBalances(address);
  const [amount, setAmount] = useState("");
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const parsed = displayToBase(amount, 6);
  const available = amountOf(balances.data, network.denoms.fee);
  const tooMuch = parsed.ok && balances.data !== undefined && parsed.base > available;
  const error = touched && !parsed.ok ? parsed.error : tooMuch ? `You have ${baseToDisplay(available, 6)} AKT (keep some for the fee)` : null;
  const preview = parsed.ok && quote.data ? previewMint(parsed.base, quote.data) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!parsed.ok || tooMuch) return;
    setSending(true);
    try {
      const { buildMintActMsg } = await import("@/lib/tx/messages");
      const result = await send([buildMintActMsg(address, parsed.base)], { title: `Mint ACT with ${baseToDisplay(parsed.base, 6)} AKT`, moves: mintMoves(parsed.base, quote.data) });
      if (result) {
        setAmount("");
        setTouched(false);
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <Card labelledBy="mint-title">
      <CardHeader id="mint-title" title="Mint ACT" description="Deployments are priced and paid in ACT (1 ACT ≈ 1 USD). Mint it by burning AKT." />
      <CardBody>
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <div className="grid items-start gap-4 sm:grid-cols-[1fr_auto]">
            <TextField
              label="AKT to burn"
              inputMode="decimal"
              placeholder="0.0"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              onBlur={() => setTouched(true)}
              error={error}
              hint={balances.data ? `Available: ${baseToDisplay(available, 6)} AKT` : undefined}
            />
            <div className="flex flex-col gap-1.5 sm:min-w-48">
              <span className="text-sm font-medium">You receive (estimate)</span>
              <output aria-label="ACT you receive" className="flex h-[38px] items-center rounded-lg border border-dashed border-border px-3 text-sm font-semibold tabular-nums" data-testid="mint-preview">
                {preview !== null ? `≈ ${baseToDisplay(preview, 6)} ACT` : "—"}
              </output>
            </div>
          </div>
          {quote.data && (
            <p className="text-xs text-muted">
              Price {trimDecimal(quote.data.priceUsd)} USD per AKT ({priceSourceLabel(quote.data.priceSource)}), mint spread {quote.data.spreadBps / 100}%. The chain settles the mint at its price when the block is processed.
            </p>
          )}
          {quote.isError && (
            <Alert tone="warn" title="No preview available">
              {quote.error.message}
            </Alert>
          )}
          {quote.data && !quote.data.mintsAllowed && (
            <Alert tone="warn" title="Minting is paused">
              The chain reports status “{quote.data.status}”; mints are not accepted right now.
            </Alert>
          )}
          <div>
            <Button type="submit" loading={sending} disabled={quote.data?.mintsAllowed === false}>
              Mint ACT
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

function trimDecimal(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}
