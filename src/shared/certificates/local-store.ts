/** This browser's certificates (public PEMs + sealed private key), per network and owner in localStorage. */
import { networkKey, readJson, writeJson } from "@/shared/network";
import type { NetworkId } from "@/lib/networks/networks";
import type { LocalCertificate } from "./model";

const key = (networkId: NetworkId, owner: string) => networkKey(networkId, `certificates:${owner}`);

export function readLocalCertificates(networkId: NetworkId, owner: string): LocalCertificate[] {
  const list = readJson<LocalCertificate[]>(key(networkId, owner));
  return Array.isArray(list) ? list.filter((c) => c && typeof c.serial === "string" && c.sealedKey) : [];
}

export function saveLocalCertificate(networkId: NetworkId, record: LocalCertificate): void {
  const list = readLocalCertificates(networkId, record.owner).filter((c) => c.serial !== record.serial);
  writeJson(key(networkId, record.owner), [...list, record]);
}

export function removeLocalCertificate(networkId: NetworkId, owner: string, serial: string): void {
  writeJson(
    key(networkId, owner),
    readLocalCertificates(networkId, owner).filter((c) => c.serial !== serial),
  );
}

/** Whether providers are reached with the certificate (mTLS) even when the wallet can sign access tokens. */
export function readPreferMtls(networkId: NetworkId): boolean {
  return readJson<string>(networkKey(networkId, "provider-auth")) === "mtls";
}

export function writePreferMtls(networkId: NetworkId, preferMtls: boolean): void {
  writeJson(networkKey(networkId, "provider-auth"), preferMtls ? "mtls" : "jwt");
}
