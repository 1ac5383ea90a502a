import { makeSignDoc, serializeSignDoc, type AminoMsg, type StdFee } from "@cosmjs/amino";
import { AminoTypes, createDefaultAminoConverters, type AminoConverters } from "@cosmjs/stargate";
import Long from "long";
import type { MsgHandler } from "./types.ts";
import type { DecodedTx } from "./tx-decode.ts";
import { createAuthzFeegrantAminoConverters } from "./amino-authz.ts";

/**
 * Amino JSON (SIGN_MODE_LEGACY_AMINO_JSON) for the devnet's messages.
 *
 * - Cosmos SDK messages (bank MsgSend, ...) use @cosmjs/stargate's default converters, i.e. exactly
 *   what Keplr/cosmjs sign; x/authz and x/feegrant, which cosmjs leaves out, use amino-authz.ts.
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
  const list = [...handlers];
  let types: AminoTypes | undefined;
  const converters: AminoConverters = {
    ...createDefaultAminoConverters(),
    ...createAuthzFeegrantAminoConverters(
      () => (types ??= new AminoTypes(converters)),
      (typeUrl) => list.find((h) => h.typeUrl === typeUrl)?.type,
    ),
  };
  for (const h of list) {
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

/** Deep copy of a ts-proto message that keeps Long and Uint8Array values intact (structuredClone drops Long's prototype). */
function cloneMessage(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Long.isLong(v)) return v;
  if (v instanceof Uint8Array) return v.slice();
  if (Array.isArray(v)) return v.map(cloneMessage);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = cloneMessage(x);
  return out;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** "50" / "50.5" → "50.000000000000000000" / "50.500000000000000000" (LegacyDec's JSON form). */
function dec18(s: string): string {
  const [i, f = ""] = s.split(".");
  return `${i}.${f.padEnd(18, "0").slice(0, 18)}`;
}

/**
 * The message with every LegacyDec field written with 18 decimals. Which string fields are
 * LegacyDec is found without a schema: a decimal string is LegacyDec when appending a zero
 * fraction ("50" → "50.0") leaves the protobuf encoding unchanged. Returns undefined if none.
 */
function withDec18(type: MsgHandler["type"], value: unknown): unknown {
  const original = type.encode(value).finish();
  const clone = cloneMessage(value);
  let changed = false;
  const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object" || node instanceof Uint8Array) return;
    const rec = node as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      const v = rec[k];
      if (typeof v === "string" && DECIMAL.test(v)) {
        const wide = dec18(v);
        if (wide === v) continue;
        rec[k] = v.includes(".") ? `${v}0` : `${v}.0`;
        let isDec: boolean;
        try {
          isDec = same(type.encode(clone).finish(), original);
        } catch {
          isDec = false;
        }
        rec[k] = isDec ? wide : v;
        if (isDec) changed = true;
      } else visit(v);
    }
  };
  visit(clone);
  return changed ? clone : undefined;
}

/**
 * The StdSignDoc bytes (sorted, escaped JSON) that an amino signer may have signed for this tx.
 * Decoding normalises LegacyDec strings ("50.000000000000000000" → "50"), so a client that
 * converted its own message (with 18-decimal prices, as chain-sdk's SDL output has them) signed a
 * different but equivalent JSON: both forms are returned, the decoded form first.
 */
export function aminoSignBytesCandidates(tx: DecodedTx, aminoTypes: AminoTypes, chainId: string, accountNumber: string, sequence: string): Uint8Array[] {
  const first = aminoSignBytes(tx, aminoTypes, chainId, accountNumber, sequence);
  let anyWide = false;
  const wideMsgs = tx.msgs.map((m) => {
    if (!m.handler.aminoType || m.typeUrl.startsWith("/cosmos.")) return m;
    const wide = withDec18(m.handler.type, m.value);
    if (wide === undefined) return m;
    anyWide = true;
    return { ...m, value: wide };
  });
  return anyWide ? [first, aminoSignBytes({ ...tx, msgs: wideMsgs }, aminoTypes, chainId, accountNumber, sequence)] : [first];
}

/** The StdSignDoc bytes (sorted, escaped JSON) of this tx as decoded. */
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
