import { AuthInfo, SignMode, TxBody, TxRaw } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { PubKey } from "@akashnetwork/chain-sdk/private-types/cosmos.secp256k1";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Coin, MsgHandler } from "./types.ts";
import { ChainError, sdkErrors } from "./errors.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export const SECP256K1_PUBKEY_URL = "/cosmos.crypto.secp256k1.PubKey";
/** CometBFT's default mempool max_tx_bytes. */
export const MAX_TX_BYTES = 1024 * 1024;

export interface DecodedMsg {
  typeUrl: string;
  handler: MsgHandler;
  value: unknown;
}

export interface DecodedSigner {
  /** Compressed secp256k1 key from the SignerInfo, if present. */
  pubKey: Uint8Array | undefined;
  mode: SignMode;
  sequence: bigint;
}

export interface DecodedTx {
  hash: string; // upper hex
  bytes: Uint8Array;
  raw: TxRaw;
  body: TxBody;
  authInfo: AuthInfo;
  msgs: DecodedMsg[];
  /** Unique signers in order of appearance (GetSigners). */
  signers: string[];
  signerInfos: DecodedSigner[];
  signatures: Uint8Array[];
  fee: Coin[];
  gasLimit: number;
  feePayer: string;
  feeGranter: string;
  memo: string;
  timeoutHeight: bigint;
}

export function txHash(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes)).toUpperCase();
}

function parseError(detail: string): ChainError {
  return sdkErrors.txDecode(detail);
}

/**
 * The SDK's TxDecoder + GetSigners: protobuf decode, resolve every message's type URL against the
 * registered handlers (an unregistered URL fails decoding, exactly as the SDK's interface registry
 * does: "unable to resolve type URL X: tx parse error", code 2).
 */
export function decodeTx(bytes: Uint8Array, handlers: ReadonlyMap<string, MsgHandler>): DecodedTx {
  let raw: TxRaw;
  let body: TxBody;
  let authInfo: AuthInfo;
  try {
    raw = TxRaw.decode(bytes);
    body = TxBody.decode(raw.bodyBytes);
    authInfo = AuthInfo.decode(raw.authInfoBytes);
  } catch (e) {
    throw parseError(getErrorMessage(e));
  }
  const msgs: DecodedMsg[] = [];
  for (const any of body.messages) {
    const handler = handlers.get(any.typeUrl);
    if (!handler) throw parseError(`unable to resolve type URL ${any.typeUrl}`);
    let value: unknown;
    try {
      value = handler.type.decode(any.value);
    } catch (e) {
      throw parseError(`${any.typeUrl}: ${getErrorMessage(e)}`);
    }
    msgs.push({ typeUrl: any.typeUrl, handler, value });
  }
  const signers: string[] = [];
  const seen = new Set<string>();
  for (const m of msgs) {
    for (const s of m.handler.signers(m.value)) {
      if (!seen.has(s)) {
        seen.add(s);
        signers.push(s);
      }
    }
  }
  const signerInfos: DecodedSigner[] = authInfo.signerInfos.map((si) => {
    let pubKey: Uint8Array | undefined;
    if (si.publicKey) {
      if (si.publicKey.typeUrl !== SECP256K1_PUBKEY_URL) {
        throw sdkErrors.invalidPubKey(`unsupported public key type ${si.publicKey.typeUrl}`);
      }
      try {
        pubKey = PubKey.decode(si.publicKey.value).key;
      } catch {
        throw parseError("invalid secp256k1 public key");
      }
      if (pubKey.length !== 33) throw sdkErrors.invalidPubKey(`invalid secp256k1 public key length ${pubKey.length}`);
    }
    const mode = si.modeInfo?.single?.mode;
    if (mode === undefined) throw sdkErrors.invalidRequest("only single-signer sign modes are supported");
    return { pubKey, mode, sequence: BigInt(si.sequence.toString()) };
  });
  const fee = authInfo.fee;
  return {
    hash: txHash(bytes),
    bytes,
    raw,
    body,
    authInfo,
    msgs,
    signers,
    signerInfos,
    signatures: raw.signatures,
    fee: (fee?.amount ?? []).map((c) => ({ denom: c.denom, amount: c.amount })),
    gasLimit: fee ? Number(fee.gasLimit.toString()) : 0,
    feePayer: fee?.payer ?? "",
    feeGranter: fee?.granter ?? "",
    memo: body.memo,
    timeoutHeight: BigInt(body.timeoutHeight.toString()),
  };
}
