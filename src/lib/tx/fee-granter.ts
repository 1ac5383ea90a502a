/**
 * Fees paid by a teammate's treasury: when the signer holds a fee allowance that covers this fee for these
 * messages, the transaction names its granter (`auth_info.fee.granter`) and the chain charges the granter. Without
 * one (or when the node cannot say), the signer pays as usual.
 */
import { calculateFee, GasPrice } from "@cosmjs/stargate";
import { listAllowances, pickFeeGranter } from "../chain/feegrant";
import { GAS_MULTIPLIER, GAS_PRICE } from "./fee";
import type { PreparedTx } from "./signing";

/**
 * Gas a granted fee costs on top of the simulation: cosmjs simulates with no fee and no granter, so the ante
 * handler's allowance update (UseGrantedFees) and the fee transfer from the granter are not in the estimate.
 * Generous on purpose: unused gas is not charged beyond the fee, and running out would fail the transaction.
 */
export const FEE_GRANT_EXTRA_GAS = 80_000;

export async function withFeeAllowance(prepared: PreparedTx, signer: string, restUrl: string, now = Date.now()): Promise<PreparedTx> {
  const allowances = await listAllowances(restUrl, signer).catch(() => []);
  if (allowances.length === 0) return prepared;
  const fee = calculateFee(Math.ceil(prepared.gasUsed * GAS_MULTIPLIER) + FEE_GRANT_EXTRA_GAS, GasPrice.fromString(GAS_PRICE));
  const granter = pickFeeGranter(allowances, fee.amount, prepared.messages.map((m) => m.typeUrl), now);
  return granter ? { ...prepared, fee: { ...fee, granter } } : prepared;
}
