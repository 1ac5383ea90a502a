/**
 * x/cert (akash.cert.v1): client/server certificates for mTLS with providers.
 *
 * MsgCreateCertificate carries PEM text: a CERTIFICATE and an EC PUBLIC KEY (SPKI DER). The
 * certificate must parse, be an ECDSA key self-signed by itself (signature verified), have
 * CN = issuer CN = owner, not be expired, match the public key, and use a serial not yet
 * registered by this owner.
 *
 * Error codes (codespace "cert", chain-sdk go/node/cert/v1/errors.go): 1 certificate not found,
 * 2 invalid address, 3 certificate exists, 4 certificate already revoked, 5 invalid serial number,
 * 6 invalid certificate value, 7 invalid pubkey value, 8 invalid state.
 */
import { X509Certificate, createPublicKey, type KeyObject } from "node:crypto";
import {
  Certificate,
  Cert_State,
  CertificateResponse,
  MsgCreateCertificate,
  MsgCreateCertificateResponse,
  MsgRevokeCertificate,
  MsgRevokeCertificateResponse,
  QueryCertificatesRequest,
  QueryCertificatesResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { KVStore, Module, TxContext } from "../chain/types.ts";
import { Grpc, isAkashAddress, pad, paginate, registerErrors } from "./util.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export const certErrors = registerErrors("cert", {
  certificateNotFound: [1, Grpc.NotFound, "certificate not found"],
  invalidAddress: [2, Grpc.InvalidArgument, "invalid address"],
  certificateExists: [3, Grpc.AlreadyExists, "certificate exists"],
  certificateAlreadyRevoked: [4, Grpc.FailedPrecondition, "certificate already revoked"],
  invalidSerialNumber: [5, Grpc.InvalidArgument, "invalid serial number"],
  invalidCertificateValue: [6, Grpc.InvalidArgument, "invalid certificate value"],
  invalidPubkeyValue: [7, Grpc.InvalidArgument, "invalid pubkey value"],
  invalidState: [8, Grpc.InvalidArgument, "invalid state"],
});

export interface CertRecord {
  owner: string;
  /** decimal */
  serial: string;
  state: "valid" | "revoked";
  /** base64 of the PEM text */
  cert: string;
  pubkey: string;
}

const CERT = "cert/";
const key = (owner: string, serial: string) => `${CERT}${owner}/${pad(serial, 40)}`;

/** Exactly one PEM block of the given type; returns its DER bytes. */
function pemBlock(text: string, type: string): Buffer | undefined {
  const re = new RegExp(`^\\s*-----BEGIN ${type}-----\\r?\\n([A-Za-z0-9+/=\\r\\n]+)-----END ${type}-----\\s*$`);
  const m = re.exec(text);
  return m ? Buffer.from(m[1]!.replace(/\s+/g, ""), "base64") : undefined;
}

const commonName = (dn: string) => /(?:^|\n|,\s*)CN=([^\n,]+)/.exec(dn)?.[1];

export interface ParsedCertificate {
  serial: string;
  notBefore: Date;
  notAfter: Date;
  fingerprint256: string;
}

/**
 * The node's ParseAndValidateCertificate plus an expiry check against block time. NotBefore is not
 * checked: clients create a certificate and broadcast it at once, and block time lags wall time.
 */
export function parseAndValidateCertificate(owner: string, certPem: string, pubkeyPem: string, now: Date): ParsedCertificate {
  if (!pemBlock(certPem, "CERTIFICATE")) throw certErrors.invalidCertificateValue("cert must be a single PEM CERTIFICATE block");
  const pubDer = pemBlock(pubkeyPem, "EC PUBLIC KEY");
  if (!pubDer) throw certErrors.invalidPubkeyValue("pubkey must be a single PEM EC PUBLIC KEY block");
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certPem);
  } catch (e) {
    throw certErrors.invalidCertificateValue(`cannot parse certificate (${getErrorMessage(e)})`);
  }
  let pub: KeyObject;
  try {
    pub = createPublicKey({ key: pubDer, format: "der", type: "spki" });
  } catch (e) {
    throw certErrors.invalidPubkeyValue(`cannot parse public key (${getErrorMessage(e)})`);
  }
  if (x509.publicKey.asymmetricKeyType !== "ec") throw certErrors.invalidCertificateValue("certificate key must be ECDSA");
  if (!x509.verify(x509.publicKey)) throw certErrors.invalidCertificateValue("certificate is not self-signed by its key");
  const cn = commonName(x509.subject);
  if (cn !== owner) throw certErrors.invalidCertificateValue(`subject CN "${cn ?? ""}" does not match owner ${owner}`);
  if (commonName(x509.issuer) !== owner) throw certErrors.invalidCertificateValue("issuer CN does not match owner");
  const notBefore = new Date(x509.validFrom);
  const notAfter = new Date(x509.validTo);
  if (now.getTime() > notAfter.getTime()) throw certErrors.invalidCertificateValue(`certificate expired on ${notAfter.toISOString()}`);
  if (!pub.equals(x509.publicKey)) throw certErrors.invalidPubkeyValue("pubkey does not match the certificate's key");
  if (!/^[0-9A-Fa-f]+$/.test(x509.serialNumber)) throw certErrors.invalidSerialNumber();
  return { serial: BigInt(`0x${x509.serialNumber}`).toString(10), notBefore, notAfter, fingerprint256: x509.fingerprint256 };
}

export class CertKeeper {
  get(store: KVStore, owner: string, serial: string): CertRecord | undefined {
    return store.get<CertRecord>(key(owner, serial));
  }

  /** Valid certificates of an owner (e.g. for a provider's mTLS peer check). */
  validCertificates(store: KVStore, owner: string): CertRecord[] {
    return [...store.iterate<CertRecord>(`${CERT}${owner}/`)].map(([, c]) => c).filter((c) => c.state === "valid");
  }

  create(ctx: TxContext, msg: MsgCreateCertificate): void {
    const certPem = new TextDecoder().decode(msg.cert);
    const pubPem = new TextDecoder().decode(msg.pubkey);
    const parsed = parseAndValidateCertificate(msg.owner, certPem, pubPem, ctx.time);
    if (this.get(ctx.store, msg.owner, parsed.serial)) throw certErrors.certificateExists(`serial ${parsed.serial}`);
    const rec: CertRecord = {
      owner: msg.owner,
      serial: parsed.serial,
      state: "valid",
      cert: Buffer.from(msg.cert).toString("base64"),
      pubkey: Buffer.from(msg.pubkey).toString("base64"),
    };
    ctx.store.set(key(msg.owner, parsed.serial), rec);
  }

  revoke(ctx: TxContext, owner: string, serial: string): void {
    const rec = this.get(ctx.store, owner, serial);
    if (!rec) throw certErrors.certificateNotFound(`serial ${serial}`);
    if (rec.state === "revoked") throw certErrors.certificateAlreadyRevoked(`serial ${serial}`);
    rec.state = "revoked";
    ctx.store.set(key(owner, serial), rec);
  }

  message(c: CertRecord): CertificateResponse {
    return CertificateResponse.fromPartial({
      certificate: Certificate.fromPartial({
        state: c.state === "valid" ? Cert_State.valid : Cert_State.revoked,
        cert: Buffer.from(c.cert, "base64"),
        pubkey: Buffer.from(c.pubkey, "base64"),
      }),
      serial: c.serial,
    });
  }
}

const SERIAL_RE = /^\d+$/;

export function certModule(keeper: CertKeeper): Module & { keeper: CertKeeper } {
  return {
    name: "cert",
    keeper,
    msgs: [
      {
        typeUrl: "/akash.cert.v1.MsgCreateCertificate",
        aminoType: "akash-sdk/x/cert/MsgCreateCertificate",
        type: MsgCreateCertificate,
        responseType: MsgCreateCertificateResponse,
        signers: (m: MsgCreateCertificate) => [m.owner],
        validateBasic(m: MsgCreateCertificate) {
          if (!isAkashAddress(m.owner)) throw certErrors.invalidAddress(`owner "${m.owner}"`);
          if (m.cert.length === 0) throw certErrors.invalidCertificateValue("empty cert");
          if (m.pubkey.length === 0) throw certErrors.invalidPubkeyValue("empty pubkey");
        },
        handle(ctx, m: MsgCreateCertificate) {
          keeper.create(ctx, m);
          return MsgCreateCertificateResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.cert.v1.MsgRevokeCertificate",
        aminoType: "akash-sdk/x/cert/MsgRevokeCertificate",
        type: MsgRevokeCertificate,
        responseType: MsgRevokeCertificateResponse,
        signers: (m: MsgRevokeCertificate) => [m.id?.owner ?? ""],
        validateBasic(m: MsgRevokeCertificate) {
          if (!isAkashAddress(m.id?.owner ?? "")) throw certErrors.invalidAddress(`owner "${m.id?.owner ?? ""}"`);
          if (!SERIAL_RE.test(m.id?.serial ?? "")) throw certErrors.invalidSerialNumber(`"${m.id?.serial ?? ""}" is not a decimal serial`);
        },
        handle(ctx, m: MsgRevokeCertificate) {
          keeper.revoke(ctx, m.id!.owner, BigInt(m.id!.serial).toString(10));
          return MsgRevokeCertificateResponse.fromPartial({});
        },
      },
    ],
    queries: [
      {
        path: "/akash.cert.v1.Query/Certificates",
        request: QueryCertificatesRequest,
        response: QueryCertificatesResponse,
        handle(ctx, req: QueryCertificatesRequest) {
          const f = req.filter;
          const state = f?.state ?? "";
          if (state !== "" && state !== "valid" && state !== "revoked") throw certErrors.invalidState(`"${state}"`);
          const serial = f?.serial ?? "";
          if (serial !== "" && !SERIAL_RE.test(serial)) throw certErrors.invalidSerialNumber(`"${serial}"`);
          const normSerial = serial === "" ? "" : BigInt(serial).toString(10);
          const prefix = f?.owner ? `${CERT}${f.owner}/` : CERT;
          const page = paginate<CertRecord, CertificateResponse>(
            ctx.store,
            prefix,
            req.pagination,
            (c) => (state === "" || c.state === state) && (normSerial === "" || c.serial === normSerial),
            (c) => keeper.message(c),
          );
          return QueryCertificatesResponse.fromPartial({ certificates: page.items, pagination: page.pagination });
        },
      },
    ],
  };
}
