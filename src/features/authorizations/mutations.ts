/** Granting and revoking: each a transaction that refreshes the grant lists it changes. */
import { useMutation, type MutationOptions } from "@tanstack/react-query";
import { buildDepositGrantMsg, buildFeeAllowanceMsg, buildRevokeAllowanceMsg, buildRevokeDepositGrantMsg, type FeeAllowanceRequest } from "@/lib/grants/messages";
import { shortenAddress } from "@/lib/format/coins";
import type { TxResult } from "@/lib/tx/signing";
import { accountKeys, grantKeys } from "@/shared/chain-data";
import { invalidate, useMutationDeps, type MutationDeps } from "@/shared/deployment-actions";
import type { TxMove } from "@/shared/wallet";
import type { DepositGrantRequest } from "./grant-form";

function refresh({ queryClient, networkId }: MutationDeps, granter: string, grantee: string) {
  return invalidate(
    queryClient,
    grantKeys.authzGiven(networkId, granter),
    grantKeys.authzReceived(networkId, grantee),
    grantKeys.feeGiven(networkId, granter),
    grantKeys.feeReceived(networkId, grantee),
    accountKeys.balances(networkId, granter),
  );
}

export function grantDepositMutation(deps: MutationDeps): MutationOptions<TxResult | null, Error, DepositGrantRequest> {
  return {
    mutationFn: (request) => {
      const moves: TxMove[] = [
        {
          label: "Deposit limit granted",
          amount: { denom: request.spendLimit.denom, base: request.spendLimit.amount },
          note: `Nothing leaves your wallet now: ${shortenAddress(request.grantee)}'s deployments draw on it as they are funded, and what they don't spend comes back to you when they close`,
        },
      ];
      return deps.send([buildDepositGrantMsg(request)], { title: `Let ${shortenAddress(request.grantee)} fund deployments from your wallet`, moves });
    },
    onSuccess: (tx, request) => (tx ? refresh(deps, request.granter, request.grantee) : undefined),
  };
}

export function grantFeeAllowanceMutation(deps: MutationDeps): MutationOptions<TxResult | null, Error, FeeAllowanceRequest> {
  return {
    mutationFn: (request) => {
      const moves: TxMove[] = [];
      if (request.spendLimit) moves.push({ label: "Fee allowance (total)", amount: { denom: request.spendLimit.denom, base: request.spendLimit.amount }, note: "Nothing leaves your wallet now; each fee is paid from it as they sign" });
      if (request.period) moves.push({ label: "Fee budget per period", amount: { denom: request.period.limit.denom, base: request.period.limit.amount }, note: "Renews every period" });
      return deps.send([buildFeeAllowanceMsg(request)], { title: `Pay ${shortenAddress(request.grantee)}'s transaction fees`, moves });
    },
    onSuccess: (tx, request) => (tx ? refresh(deps, request.granter, request.grantee) : undefined),
  };
}

export interface RevokeRequest {
  kind: "deposit" | "fee";
  granter: string;
  grantee: string;
}

export function revokeMutation(deps: MutationDeps): MutationOptions<TxResult | null, Error, RevokeRequest> {
  return {
    mutationFn: ({ kind, granter, grantee }) =>
      deps.send([kind === "deposit" ? buildRevokeDepositGrantMsg(granter, grantee) : buildRevokeAllowanceMsg(granter, grantee)], {
        title: kind === "deposit" ? `Revoke ${shortenAddress(grantee)}'s deposit authorization` : `Stop paying ${shortenAddress(grantee)}'s fees`,
        moves: [],
      }),
    onSuccess: (tx, { granter, grantee }) => (tx ? refresh(deps, granter, grantee) : undefined),
  };
}

export const useGrantDeposit = () => useMutation(grantDepositMutation(useMutationDeps()));
export const useGrantFeeAllowance = () => useMutation(grantFeeAllowanceMutation(useMutationDeps()));
export const useRevokeGrant = () => useMutation(revokeMutation(useMutationDeps()));
