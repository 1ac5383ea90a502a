/** Certificate reads (REST) and messages (`/akash.cert.v1.*`). */
import type { EncodeObject } from "@cosmjs/proto-signing";
import { MsgCreateCertificate, MsgRevokeCertificate } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { joinUrl, requestJson } from "@/lib/chain/http";
import type { OnChainCertificate } from "./model";

export const MSG_CREATE_CERTIFICATE = "/akash.cert.v1.MsgCreateCertificate";
export const MSG_REVOKE_CERTIFICATE = "/akash.cert.v1.MsgRevokeCertificate";

interface CertificatesJson {
  certificates?: Array<{ certificate?: { state?: string; cert?: string; pubkey?: string }; serial?: string }>;
  pagination?: { next_key?: string | null };
}

function b64ToText(b64: string): string {
  try {
    const binary = atob(b64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  } catch {
    return "";
  }
}

export async function listCertificates(restUrl: string, owner: string, signal?: AbortSignal): Promise<OnChainCertificate[]> {
  const out: OnChainCertificate[] = [];
  let key: string | null = null;
  for (let page = 0; page < 100; page++) {
    const url = joinUrl(restUrl, `/akash/cert/v1/certificates/list?filter.owner=${encodeURIComponent(owner)}&pagination.limit=100${key ? `&pagination.key=${encodeURIComponent(key)}` : ""}`);
    const body: CertificatesJson = await requestJson<CertificatesJson>(url, { signal });
    for (const c of body.certificates ?? []) {
      out.push({ serial: c.serial ?? "", state: c.certificate?.state ?? "unknown", certPem: b64ToText(c.certificate?.cert ?? ""), pubkeyPem: b64ToText(c.certificate?.pubkey ?? "") });
    }
    key = body.pagination?.next_key ?? null;
    if (!key) break;
  }
  return out;
}

export function buildCreateCertificateMsg(owner: string, certPem: string, pubkeyPem: string): EncodeObject {
  return {
    typeUrl: MSG_CREATE_CERTIFICATE,
    value: MsgCreateCertificate.fromPartial({ owner, cert: new TextEncoder().encode(certPem), pubkey: new TextEncoder().encode(pubkeyPem) }),
  };
}

export function buildRevokeCertificateMsg(owner: string, serial: string): EncodeObject {
  return { typeUrl: MSG_REVOKE_CERTIFICATE, value: MsgRevokeCertificate.fromPartial({ id: { owner, serial } }) };
}
