/** One vocabulary for transaction failures: SDK error codes and wallet errors mapped to plain words. */
import { getErrorMessage } from "../errors";
import { AminoUnsupportedError } from "./amino-grants";

export type TxErrorKind =
  | "rejected"
  | "insufficient-funds"
  | "insufficient-fee"
  | "sequence-mismatch"
  | "account-not-found"
  | "out-of-gas"
  | "wrong-chain"
  | "wallet-locked"
  | "chain-not-in-wallet"
  | "timeout"
  | "node-unreachable"
  | "unauthorized"
  | "mint-halted"
  | "fee-allowance"
  | "deposit-grant"
  | "wallet-cannot-sign"
  | "failed";

export interface TxErrorDescription {
  kind: TxErrorKind;
  title: string;
  detail: string;
}

/** A transaction that reached the chain (CheckTx or DeliverTx) and failed. */
export class TxFailedError extends Error {
  readonly code: number;
  readonly codespace: string;
  readonly log: string;
  readonly txHash: string | undefined;
  constructor(code: number, codespace: string, log: string, txHash?: string) {
    super(`Transaction failed (${codespace || "sdk"} code ${code}): ${log}`);
    this.name = "TxFailedError";
    this.code = code;
    this.codespace = codespace;
    this.log = log;
    this.txHash = txHash;
  }
}

export class ChainMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(`The node is on chain "${actual}" but this network expects "${expected}"`);
    this.name = "ChainMismatchError";
  }
}

const SDK_CODES: Record<number, Omit<TxErrorDescription, "detail"> & { detail?: string }> = {
  3: { kind: "sequence-mismatch", title: "Account sequence mismatch", detail: "Another transaction from this account was sent at the same time. Try again." },
  4: { kind: "unauthorized", title: "Signature not accepted", detail: "The chain rejected the signature. Check that the wallet is on the same network." },
  5: { kind: "insufficient-funds", title: "Insufficient funds", detail: "The account does not hold enough tokens for this amount plus the fee." },
  11: { kind: "out-of-gas", title: "Out of gas", detail: "The transaction needed more gas than estimated. Try again." },
  13: { kind: "insufficient-fee", title: "Fee too low", detail: "The node requires a higher fee than offered." },
  32: { kind: "sequence-mismatch", title: "Account sequence mismatch", detail: "Another transaction from this account was sent at the same time. Try again." },
};

/** Team funding failures read the same whatever code carries them (the SDK reuses generic codes for these). */
const GRANT_RULES: Array<[RegExp, TxErrorKind, string, string]> = [
  [/does not allow to pay fees|fee-grant not found|fee limit exceeded|allowance expired|message does not exist in allowed messages/, "fee-allowance", "The fee allowance did not cover it", "The wallet paying your fees has no allowance left for this (used up, expired, revoked or not for this kind of transaction). Ask the treasury to renew it, or hold some AKT to pay the fee yourself."],
  [/more than spend limit|authorization not found|authorization expired|deposit authorization/, "deposit-grant", "The deposit authorization did not cover it", "The treasury's grant has less left than this deposit, expired or was revoked. Pay from your own balance instead (untick the grant), lower the deposit, or ask the treasury for a new grant."],
];

export function describeTxError(error: unknown): TxErrorDescription {
  const text = getErrorMessage(error).toLowerCase();
  // Raised before the wallet is asked: the transaction has no Amino JSON form, the only one some wallets sign.
  if (error instanceof AminoUnsupportedError) return { kind: "wallet-cannot-sign", title: "This wallet cannot sign this", detail: `${error.message} Nothing was sent.` };
  if (/does not exist in the amino message type register/.test(text)) {
    return { kind: "wallet-cannot-sign", title: "This wallet cannot sign this", detail: "This wallet signs only Amino JSON (a Ledger through Keplr, for one), and this transaction has no Amino JSON form. Nothing was sent. Use a wallet that signs directly." };
  }
  for (const [pattern, kind, title, detail] of GRANT_RULES) {
    if (pattern.test(text)) return { kind, title, detail };
  }
  if (error instanceof TxFailedError && error.codespace === "sdk" && SDK_CODES[error.code]) {
    const known = SDK_CODES[error.code]!;
    return { kind: known.kind, title: known.title, detail: known.detail ?? error.log };
  }
  if (error instanceof ChainMismatchError) return { kind: "wrong-chain", title: "Wrong chain", detail: error.message };
  const message = getErrorMessage(error);
  const codeMatch = /(?:failed with|code)\s*\(?(\d+)\)?/i.exec(message);
  const lower = message.toLowerCase();
  const rules: Array<[RegExp, TxErrorKind, string, string]> = [
    [/request rejected|user rejected|rejected by (the )?user|user denied|declined|cancel+ed by user|user cancel/, "rejected", "Rejected in wallet", "You rejected the request in your wallet. Nothing was sent."],
    [/insufficient funds|insufficient balance|smaller than/, "insufficient-funds", "Insufficient funds", "The account does not hold enough tokens for this amount plus the fee."],
    [/account sequence mismatch|incorrect account sequence|wrong sequence/, "sequence-mismatch", "Account sequence mismatch", "Another transaction from this account was sent at the same time. Try again."],
    [/account .* not found|does not exist on chain|unknown address/, "account-not-found", "Account not on chain yet", "This account has never received tokens on this network. Fund it first."],
    [/insufficient fee/, "insufficient-fee", "Fee too low", "The node requires a higher fee than offered."],
    [/out of gas/, "out-of-gas", "Out of gas", "The transaction needed more gas than estimated. Try again."],
    [/mint.*(halt|paused|not allowed)|circuit breaker/, "mint-halted", "Minting is paused", "The chain is not accepting ACT mints right now (circuit breaker)."],
    [/locked|unlock/, "wallet-locked", "Wallet locked", "Unlock your wallet extension and try again."],
    [/no chain info|there is no chain info|chain .*not supported|unknown chain|not found chain|no modular chain info/, "chain-not-in-wallet", "Chain not in wallet", "Your wallet does not know this network. Approve adding it and try again."],
    [/was submitted but was not yet found on the chain|was sent but not seen in a block|timed out waiting for tx/, "timeout", "Not confirmed in time", "The transaction was sent but not seen in a block within 60 s. Check recent transactions before retrying."],
    [/failed to fetch|networkerror|cannot reach|econnrefused|socket hang up|load failed|bad status on response: 5\d\d/, "node-unreachable", "Node unreachable", "The network's RPC node did not answer. Check the node status in the header."],
    [/signature verification failed|unauthorized/, "unauthorized", "Signature not accepted", "The chain rejected the signature. Check that the wallet is on the same network."],
  ];
  for (const [pattern, kind, title, detail] of rules) {
    if (pattern.test(lower)) return { kind, title, detail };
  }
  if (codeMatch) {
    const known = SDK_CODES[Number(codeMatch[1])];
    if (known && /sdk|cosmos/i.test(message)) return { kind: known.kind, title: known.title, detail: known.detail ?? message };
  }
  return { kind: "failed", title: "Transaction failed", detail: message.length > 300 ? `${message.slice(0, 300)}…` : message };
}
