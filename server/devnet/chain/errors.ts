/**
 * Errors with the Cosmos SDK's codespace/code pairs, so clients map them exactly as on mainnet.
 * Codes in the "sdk" codespace follow cosmossdk.io/errors (types/errors/errors.go).
 */
export class ChainError extends Error {
  constructor(
    readonly codespace: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "ChainError";
  }
}

function sdk(code: number, text: string) {
  return (detail?: string) => new ChainError("sdk", code, detail ? `${detail}: ${text}` : text);
}

export const sdkErrors = {
  txDecode: sdk(2, "tx parse error"),
  invalidSequence: sdk(3, "invalid sequence"),
  unauthorized: sdk(4, "unauthorized"),
  insufficientFunds: sdk(5, "insufficient funds"),
  unknownRequest: sdk(6, "unknown request"),
  invalidAddress: sdk(7, "invalid address"),
  invalidPubKey: sdk(8, "invalid pubkey"),
  unknownAddress: sdk(9, "unknown address"),
  invalidCoins: sdk(10, "invalid coins"),
  outOfGas: sdk(11, "out of gas"),
  memoTooLarge: sdk(12, "memo too large"),
  insufficientFee: sdk(13, "insufficient fee"),
  tooManySignatures: sdk(14, "maximum number of signatures exceeded"),
  noSignatures: sdk(15, "no signatures supplied"),
  invalidRequest: sdk(18, "invalid request"),
  txInMempoolCache: sdk(19, "tx already in mempool"),
  txTooLarge: sdk(21, "tx too large"),
  keyNotFound: sdk(22, "key not found"),
  invalidSigner: sdk(24, "tx intended signer does not match the given signer"),
  invalidChainId: sdk(28, "invalid chain-id"),
  invalidType: sdk(29, "invalid type"),
  wrongSequence: sdk(32, "incorrect account sequence"),
  notFound: sdk(38, "not found"),
  invalidGasLimit: sdk(41, "invalid gas limit"),
};

/** A module error, e.g. moduleError("deployment", 2, "deployment exists"). */
export function moduleError(codespace: string, code: number, message: string): ChainError {
  return new ChainError(codespace, code, message);
}
