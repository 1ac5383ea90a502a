/**
 * Fees paid by a teammate's treasury: when the signer holds a fee allowance that covers this fee for these
 * messages, the transaction names its granter (`auth_info.fee.granter`) and the chain charges the granter. Without
 * one (or when the node cannot say), the signer pays as usual.
 */
import { listAllowances, pickFeeGranter } from "../chain/feegrant";
import type { PreparedTx } from "./signing";

export async function withFeeAllowance(prepared: PreparedTx, signer: string, restUrl: string, now = Date.now()): Promise<PreparedTx> {
  const allowances = await listAllowances(restUrl, signer).catch(() => []);
  const granter = pickFeeGranter(allowances, prepared.fee.amount, prepared.messages.map((m) => m.typeUrl), now);
  return granter ? { ...prepared, fee: { ...prepared.fee, granter } } : prepared;
}
