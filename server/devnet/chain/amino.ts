import { makeSignDoc, serializeSignDoc, type AminoMsg, type StdFee } from "@cosmjs/amino";
import { AminoTypes, createDefaultAminoConverters, type AminoConverters } from "@cosmjs/stargate";
import type { MsgHandler } from "./types.ts";
import type { DecodedTx } from "./tx-decode.ts";

/**
 * Amino JSON (SIGN_MODE_LEGACY_AMINO_JSON) for the devnet's messages.
 *
 * - Cosmos SDK messages (bank MsgSend, ...) use @cosmjs/stargate's default converters, i.e. exactly
 *   what Keplr/cosmjs sign.
 * - Akash messages use one generic converter per handler with an `aminoType`
 *   (`akash-sdk/x/<module>/<MsgName>`): the amino `value` is chain-sdk's `toJSON(msg)`. ts-proto's
 *   toJSON already drops proto3 default scalars and empty repeated fields (amino's omitempty),
 *   emits snake_case field names, 64-bit ints as strings, bytes as base64 and LegacyDec as
 *   "1.000000000000000000". `fromAmino` is `fromJSON`. A client signs Akash messages in amino mode by
 *   registering the same converters, e.g. with `createDevnetAminoConverters(handlers)`.
 *   (Enums come out as their proto names here, where Go amino would print numbers; no devnet
 *   client depends on the difference because both sides use this converter.)
 */
export function createDevnetAminoConverters(handlers: Iterable<MsgHandler>): AminoConverters {
  const converters: AminoConverters = { ...createDefaultAminoConverters() };
  for (const h of handlers) {
    if (!h.aminoType || converters[h.typeUrl]) continue;
    const type = h.type;
    converters[h.typeUrl] = {
      aminoType: h.aminoType,
      toAmino: (value: unknown) => type.toJSON(value),
      fromAmino: (json: unknown) => type.fromJSON(json),
    };
  }
  return converters;
}

export function createDevnetAminoTypes(handlers: Iterable<MsgHandler>): AminoTypes {
  return new AminoTypes(createDevnetAminoConverters(handlers));
}

/** The StdSignDoc bytes (sorted, escaped JSON) that an amino signer signed for this tx. */
export function aminoSignBytes(tx: DecodedTx, aminoTypes: AminoTypes, chainId: string, accountNumber: string, sequence: string): Uint8Array {
  const msgs: AminoMsg[] = tx.msgs.map((m) => aminoTypes.toAmino({ typeUrl: m.typeUrl, value: m.value }));
  const fee: StdFee = {
    amount: tx.fee.map((c) => ({ denom: c.denom, amount: c.amount })),
    gas: String(tx.gasLimit),
    ...(tx.feeGranter ? { granter: tx.feeGranter } : {}),
    ...(tx.feePayer ? { payer: tx.feePayer } : {}),
  };
  const doc = makeSignDoc(msgs, fee, chainId, tx.memo, accountNumber, sequence, tx.timeoutHeight > 0n ? tx.timeoutHeight : undefined);
  return serializeSignDoc(doc);
}
