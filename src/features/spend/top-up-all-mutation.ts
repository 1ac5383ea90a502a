/** One transaction, one MsgAccountDeposit per deployment: the dashboard's "top up all to N days". */
import { useMutation, type MutationOptions } from "@tanstack/react-query";
import { buildDepositMsg } from "@/lib/deployment/messages";
import { formatDuration } from "@/lib/pricing/runway";
import type { TxResult } from "@/lib/tx/signing";
import type { TxMove } from "@/lib/wallet/tx-moves";
import { accountKeys, deploymentKeys, leaseKeys } from "@/shared/chain-data";
import { spendKeys } from "@/shared/chain-data/keys";
import { invalidate, useMutationDeps, type MutationDeps } from "@/shared/deployment-actions";
import type { TopUpLine } from "./top-up-plan";

export interface TopUpAllRequest {
  days: number;
  /** Lines with an amount above 0, all owned by the signer. */
  lines: ReadonlyArray<TopUpLine>;
}

export function topUpAllMoves(lines: ReadonlyArray<TopUpLine>): TxMove[] {
  return lines.map((l) => ({ label: `Top up deployment ${l.dseq}`, amount: { denom: l.denom, base: l.amount }, note: `From your wallet's balance into its escrow; it then lasts about ${formatDuration(l.secondsAfter)} at the current rate.` }));
}

export function topUpAllMutation({ queryClient, networkId, send, signer }: MutationDeps): MutationOptions<TxResult | null, Error, TopUpAllRequest> {
  return {
    mutationFn: async ({ days, lines }) => {
      if (!signer) throw new Error("Connect the wallet that owns the deployments first.");
      const funded = lines.filter((l) => l.amount > 0n);
      if (funded.length === 0) throw new Error(`Every deployment already lasts ${days} d.`);
      // The signer's balance can fund only its own deployments' escrow from here.
      const foreign = funded.find((l) => l.owner !== signer);
      if (foreign) throw new Error(`Deployment ${foreign.dseq} belongs to ${foreign.owner}, not the connected wallet.`);
      const msgs = funded.map((l) => buildDepositMsg({ signer, owner: l.owner, dseq: l.dseq, denom: l.denom, amount: l.amount }));
      return send(msgs, { title: `Top up ${funded.length === 1 ? "1 deployment" : `${funded.length} deployments`} to ${days} d`, moves: topUpAllMoves(funded) });
    },
    onSuccess: (tx) => {
      if (!tx || !signer) return;
      return invalidate(queryClient, deploymentKeys.all(networkId, signer), leaseKeys.all(networkId, signer), accountKeys.balances(networkId, signer), spendKeys.all(networkId));
    },
  };
}

export function useTopUpAll() {
  return useMutation(topUpAllMutation(useMutationDeps()));
}
