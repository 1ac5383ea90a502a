/** Certificate messages (`/akash.cert.v1.*`); the reads are in lib/chain/cert. */
import type { EncodeObject } from "@cosmjs/proto-signing";
import { MsgCreateCertificate, MsgRevokeCertificate } from "@akashnetwork/chain-sdk/private-types/akash.v1";

export const MSG_CREATE_CERTIFICATE = "/akash.cert.v1.MsgCreateCertificate";
export const MSG_REVOKE_CERTIFICATE = "/akash.cert.v1.MsgRevokeCertificate";

export function buildCreateCertificateMsg(owner: string, certPem: string, pubkeyPem: string): EncodeObject {
  return {
    typeUrl: MSG_CREATE_CERTIFICATE,
    value: MsgCreateCertificate.fromPartial({ owner, cert: new TextEncoder().encode(certPem), pubkey: new TextEncoder().encode(pubkeyPem) }),
  };
}

export function buildRevokeCertificateMsg(owner: string, serial: string): EncodeObject {
  return { typeUrl: MSG_REVOKE_CERTIFICATE, value: MsgRevokeCertificate.fromPartial({ id: { owner, serial } }) };
}
