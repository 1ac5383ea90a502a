/** x/cert v1 reads: an owner's client certificates (PEM text; the gateway serves the PEM bytes base64-encoded). */
import { fromBase64, fromUtf8 } from "@cosmjs/encoding";
import { joinUrl } from "./http";
import { collectPages, PAGE_LIMIT, q } from "./pagination";

export interface ChainCertificate {
  serial: string;
  state: "valid" | "revoked" | string;
  certPem: string;
  pubkeyPem: string;
}

interface CertificateJson {
  certificate?: { state?: string; cert?: string; pubkey?: string };
  serial?: string;
}

function pemOf(b64: string | undefined): string {
  try {
    return fromUtf8(fromBase64(b64 ?? ""));
  } catch {
    return "";
  }
}

export function listCertificates(restUrl: string, owner: string, signal?: AbortSignal): Promise<ChainCertificate[]> {
  const url = joinUrl(restUrl, `/akash/cert/v1/certificates/list?filter.owner=${q(owner)}&pagination.limit=${PAGE_LIMIT}`);
  return collectPages(
    url,
    (body) =>
      ((body as { certificates?: CertificateJson[] }).certificates ?? []).map((c) => ({
        serial: c.serial ?? "",
        state: c.certificate?.state ?? "unknown",
        certPem: pemOf(c.certificate?.cert),
        pubkeyPem: pemOf(c.certificate?.pubkey),
      })),
    signal,
  );
}
