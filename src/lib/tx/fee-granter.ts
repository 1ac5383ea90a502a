/**
 * Fees paid by a teammate's treasury: when the signer holds a fee allowance that covers this fee for these
 * messages, the transaction names its granter (`auth_info.fee.granter`) and the chain charges the granter. Without
 * one (or when the node cannot say), the signer pays as usual.
 */
import { calculateFee, GasPrice } from "@cosmjs/stargate";
import { listAllowances, pickFeeGranter, type FeeGrant } from "../chain/feegrant";
import { shortenAddress } from "../format/coins";
import { describeTxError } from "./errors";
import { GAS_MULTIPLIER, GAS_PRICE } from "./fee";
import type { PreparedTx, TxResult } from "./signing";

/**
 * Gas a granted fee costs on top of the simulation: cosmjs simulates with no fee and no granter, so the ante
 * handler's allowance update (UseGrantedFees) and the fee transfer from the granter are not in the estimate.
 * Generous on purpose: unused gas is not charged beyond the fee, and running out would fail the transaction.
 */
export const FEE_GRANT_EXTRA_GAS = 80_000;

/**
 * The signer's fee allowances: `fresh` false may answer from a list read a few seconds ago (the browser's query
 * cache), true reads the node now (and refreshes that list).
 */
export type FeeAllowanceReader = (fresh: boolean) => Promise<readonly FeeGrant[]>;

/** Every read from the node (scripts and tests; the browser reads through its query cache). */
export function nodeFeeAllowances(restUrl: string, grantee: string): FeeAllowanceReader {
  return () => listAllowances(restUrl, grantee);
}

/**
 * Names a granter when one of the signer's allowances covers this fee for these messages. A cached allowance that
 * covers it is used as is; when the cached ones do not (spent since, or another granted), the node is asked again.
 * A cached empty list is trusted: it is seconds old, and every signed transaction refreshes it.
 * `refused`: a granter the chain just refused; it is left out and only a fresh read counts.
 */
export async function withFeeAllowance(prepared: PreparedTx, allowances: FeeAllowanceReader, options: { now?: number; refused?: string } = {}): Promise<PreparedTx> {
  const { now = Date.now(), refused } = options;
  const fee = calculateFee(Math.ceil(prepared.gasUsed * GAS_MULTIPLIER) + FEE_GRANT_EXTRA_GAS, GasPrice.fromString(GAS_PRICE));
  const messageTypes = prepared.messages.map((m) => m.typeUrl);
  const read = (fresh: boolean) => allowances(fresh).catch((): readonly FeeGrant[] => []);
  const choose = (grants: readonly FeeGrant[]) =>
    pickFeeGranter(
      grants.filter((g) => g.granter !== refused),
      fee.amount,
      messageTypes,
      now,
    );
  let granter: string | null = null;
  if (refused === undefined) {
    const cached = await read(false);
    if (cached.length === 0) return prepared;
    granter = choose(cached);
  }
  granter ??= choose(await read(true));
  return granter ? { ...prepared, fee: { ...fee, granter } } : prepared;
}

/**
 * After a transaction failed: when it named a granter and the chain refused that granter's allowance (revoked, used
 * up, expired, not for these messages), the same transaction (`unsigned`: as prepared, before any granter) chosen
 * again from a fresh read without that granter. Null for any other failure. Nothing was charged: the fee is taken
 * in the ante handler, which is where the allowance was refused.
 */
export function retryWithoutGranter(error: unknown, unsigned: PreparedTx, sent: PreparedTx, allowances: FeeAllowanceReader, now?: number): Promise<PreparedTx> | null {
  const granter = sent.fee.granter;
  if (!granter || describeTxError(error).kind !== "fee-allowance") return null;
  return withFeeAllowance(unsigned, allowances, { refused: granter, ...(now === undefined ? {} : { now }) });
}

/** The wallet's steps around a send: show the tx for approval (with why it is asked again), sign and broadcast it. */
export interface SendSteps {
  approve: (tx: PreparedTx, notice?: string) => Promise<boolean>;
  send: (tx: PreparedTx) => Promise<TxResult>;
  /** The allowances are being read again after a refusal. */
  rechoosing?: () => void;
}

/**
 * Chooses who pays the fee, asks for approval and sends. When the chain refuses the allowance the tx named (read
 * from the cache, gone since), chooses once more from a fresh read without that granter and asks again, saying
 * why: the payer changed, so the first approval does not stand. Null when the user declined; other failures throw.
 */
export async function approveAndSend(unsigned: PreparedTx, allowances: FeeAllowanceReader, steps: SendSteps): Promise<TxResult | null> {
  let tx = await withFeeAllowance(unsigned, allowances);
  let notice: string | undefined;
  for (;;) {
    if (!(await steps.approve(tx, notice))) return null;
    try {
      return await steps.send(tx);
    } catch (error) {
      const retry = notice === undefined ? retryWithoutGranter(error, unsigned, tx, allowances) : null;
      if (!retry) throw error;
      const refused = tx.fee.granter!;
      steps.rechoosing?.();
      tx = await retry;
      const payer = tx.fee.granter ? `Another allowance pays it: ${shortenAddress(tx.fee.granter)}'s.` : "You pay it yourself this time.";
      notice = `${shortenAddress(refused)} no longer pays this fee: its allowance was revoked, used up or expired since it was read. Nothing was charged. ${payer}`;
    }
  }
}
