import { describe, expect, it } from "vitest";
import { certificateManager } from "@akashnetwork/chain-sdk";
import { X509Certificate } from "node:crypto";
import { Cert_State, QueryCertificatesResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { TestApp, errorOf, testAddress } from "./testing.ts";

const CREATE = "/akash.cert.v1.MsgCreateCertificate";
const REVOKE = "/akash.cert.v1.MsgRevokeCertificate";
const QUERY = "/akash.cert.v1.Query/Certificates";
const owner = testAddress("cert-owner");
const enc = (s: string) => new TextEncoder().encode(s);

function app() {
  const a = new TestApp();
  a.time = new Date();
  return a;
}

function decimalSerial(pem: string): string {
  return BigInt(`0x${new X509Certificate(pem).serialNumber}`).toString(10);
}

describe("x/cert", () => {
  it("stores a chain-sdk certificate and lists it by owner, serial and state", async () => {
    const a = app();
    const pem = await certificateManager.generatePEM(owner);
    a.deliver(CREATE, { owner, cert: enc(pem.cert), pubkey: enc(pem.publicKey) }, owner);
    const serial = decimalSerial(pem.cert);
    const res = a.query<QueryCertificatesResponse>(QUERY, { filter: { owner, serial, state: "valid" }, pagination: { limit: 1 } });
    expect(res.certificates).toHaveLength(1);
    expect(res.certificates[0]!.serial).toBe(serial);
    expect(res.certificates[0]!.certificate?.state).toBe(Cert_State.valid);
    expect(new TextDecoder().decode(res.certificates[0]!.certificate!.cert)).toBe(pem.cert);
    const json = a.queryJson(QUERY, { filter: { owner } }) as { certificates: { certificate: { state: string; cert: string; pubkey: string }; serial: string }[] };
    expect(json.certificates[0]!.certificate.state).toBe("valid");
    expect(Buffer.from(json.certificates[0]!.certificate.pubkey, "base64").toString()).toBe(pem.publicKey);
    expect(errorOf(() => a.deliver(CREATE, { owner, cert: enc(pem.cert), pubkey: enc(pem.publicKey) }))).toMatchObject({ codespace: "cert", code: 3 });
    expect(a.query<QueryCertificatesResponse>(QUERY, { filter: { owner: testAddress("nobody") } }).certificates).toHaveLength(0);
    expect(errorOf(() => a.query(QUERY, { filter: { state: "bogus" } }))).toMatchObject({ codespace: "cert", code: 8 });
  });

  it("rejects certificates that do not belong to the owner, are expired, tampered with or mismatched", async () => {
    const a = app();
    const other = await certificateManager.generatePEM(testAddress("someone-else"));
    expect(errorOf(() => a.deliver(CREATE, { owner, cert: enc(other.cert), pubkey: enc(other.publicKey) }))).toMatchObject({ codespace: "cert", code: 6 });

    const mine = await certificateManager.generatePEM(owner);
    expect(errorOf(() => a.deliver(CREATE, { owner, cert: enc(mine.cert), pubkey: enc(other.publicKey) }))).toMatchObject({ codespace: "cert", code: 7 });
    const relabelled = mine.publicKey.replace(/EC PUBLIC KEY/g, "PUBLIC KEY");
    expect(errorOf(() => a.deliver(CREATE, { owner, cert: enc(mine.cert), pubkey: enc(relabelled) }))).toMatchObject({ codespace: "cert", code: 7 });
    expect(errorOf(() => a.deliver(CREATE, { owner, cert: enc("not a pem"), pubkey: enc(mine.publicKey) }))).toMatchObject({ codespace: "cert", code: 6 });

    const expired = await certificateManager.generatePEM(owner, { validFrom: new Date(Date.now() - 3 * 86400_000), validTo: new Date(Date.now() - 86400_000) });
    expect(errorOf(() => a.deliver(CREATE, { owner, cert: enc(expired.cert), pubkey: enc(expired.publicKey) })).message).toMatch(/expired/);

    // Flip a bit of the signature: the self-signature no longer verifies.
    const der = Buffer.from(mine.cert.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
    der.writeUInt8(der.readUInt8(der.length - 1) ^ 0x01, der.length - 1);
    const tampered = `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/(.{64})/g, "$1\n")}\n-----END CERTIFICATE-----\n`;
    expect(errorOf(() => a.deliver(CREATE, { owner, cert: enc(tampered), pubkey: enc(mine.publicKey) }))).toMatchObject({ codespace: "cert", code: 6 });
    expect(errorOf(() => a.deliver(CREATE, { owner: "cosmos1xyz", cert: enc(mine.cert), pubkey: enc(mine.publicKey) }))).toMatchObject({ codespace: "cert", code: 2 });
  });

  it("revokes by owner and decimal serial", async () => {
    const a = app();
    const pem = await certificateManager.generatePEM(owner);
    a.deliver(CREATE, { owner, cert: enc(pem.cert), pubkey: enc(pem.publicKey) }, owner);
    const serial = decimalSerial(pem.cert);
    expect(errorOf(() => a.deliver(REVOKE, { id: { owner, serial } }, testAddress("intruder")))).toMatchObject({ codespace: "sdk", code: 4 });
    a.deliver(REVOKE, { id: { owner, serial } }, owner);
    expect(a.query<QueryCertificatesResponse>(QUERY, { filter: { owner, state: "revoked" } }).certificates.map((c) => c.serial)).toEqual([serial]);
    expect(a.query<QueryCertificatesResponse>(QUERY, { filter: { owner, state: "valid" } }).certificates).toHaveLength(0);
    expect(errorOf(() => a.deliver(REVOKE, { id: { owner, serial } }))).toMatchObject({ codespace: "cert", code: 4 });
    expect(errorOf(() => a.deliver(REVOKE, { id: { owner, serial: "12345" } }))).toMatchObject({ codespace: "cert", code: 1 });
    expect(errorOf(() => a.deliver(REVOKE, { id: { owner, serial: "0xabc" } }))).toMatchObject({ codespace: "cert", code: 5 });
  });
});
