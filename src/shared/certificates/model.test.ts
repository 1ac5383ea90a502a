import { describe, expect, it } from "vitest";
import { openKey, sealKey } from "./key-vault";
import { activeCertificate, credentialProblem, joinCertificates, type LocalCertificate, type OnChainCertificate } from "./model";

const now = new Date("2026-06-01T00:00:00Z");
const local = (serial: string, notAfter = "2027-01-01T00:00:00Z"): LocalCertificate => ({
  owner: "akash1owner",
  serial,
  certPem: `cert-${serial}`,
  pubkeyPem: "pub",
  sealedKey: { iv: "", ciphertext: "" },
  notBefore: "2026-01-01T00:00:00Z",
  notAfter,
  createdAt: "2026-01-01T00:00:00Z",
});
const chain = (serial: string, state = "valid"): OnChainCertificate => ({ serial, state, certPem: `cert-${serial}`, pubkeyPem: "pub" });

describe("certificate status", () => {
  it("prefers the newest valid certificate whose key this browser holds", () => {
    const rows = joinCertificates([chain("100"), chain("200"), chain("300")], [local("100"), local("200")], new Map(), now);
    expect(rows.map((r) => r.serial)).toEqual(["300", "200", "100"]);
    expect(activeCertificate(rows)?.serial).toBe("200");
    expect(credentialProblem(rows)).toBeNull();
  });

  it("says expired or revoked when the only usable key is", () => {
    const expired = joinCertificates([chain("100")], [local("100", "2026-05-01T00:00:00Z")], new Map(), now);
    expect(expired[0]?.status).toBe("expired");
    expect(credentialProblem(expired)).toEqual({ status: "expired", serial: "100" });
    const revoked = joinCertificates([chain("100", "revoked")], [local("100")], new Map(), now);
    expect(credentialProblem(revoked)).toEqual({ status: "revoked", serial: "100" });
    expect(credentialProblem(joinCertificates([chain("5")], [], new Map(), now))).toEqual({ status: "missing" });
  });

  it("keeps a local certificate as confirming until the chain has it", () => {
    const rows = joinCertificates([], [local("7")], new Map(), now);
    expect(rows[0]?.status).toBe("pending");
    expect(activeCertificate(rows)).toBeNull();
  });
});

describe("key vault", () => {
  it("round-trips a key bound to its certificate and refuses another binding", async () => {
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    const sealed = await sealKey(key, "-----BEGIN PRIVATE KEY-----x", "akash1/1");
    expect(sealed.ciphertext).not.toContain("PRIVATE");
    expect(await openKey(key, sealed, "akash1/1")).toBe("-----BEGIN PRIVATE KEY-----x");
    await expect(openKey(key, sealed, "akash1/2")).rejects.toThrow();
  });
});
