import { describe, expect, it } from "vitest";
import { decryptMnemonic, encryptMnemonic, parseVaultRecord, PBKDF2_ITERATIONS, WrongPasswordError } from "./vault";
import { checkMnemonic, generateMnemonicWallet, walletFromMnemonic } from "./mnemonic-wallet";

const MNEMONIC = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

describe("vault", () => {
  it("encrypts with PBKDF2 ≥ 200k and AES-GCM, and decrypts with the right password", async () => {
    const record = await encryptMnemonic(MNEMONIC, "correct horse", "akash1test", 1000);
    expect(record.ciphertext).not.toContain("abandon");
    expect(JSON.stringify(record)).not.toContain("abandon");
    expect(await decryptMnemonic(record, "correct horse")).toBe(MNEMONIC);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });
  it("rejects a wrong password and a tampered address", async () => {
    const record = await encryptMnemonic(MNEMONIC, "correct horse", "akash1test", 1000);
    await expect(decryptMnemonic(record, "wrong")).rejects.toBeInstanceOf(WrongPasswordError);
    await expect(decryptMnemonic({ ...record, address: "akash1other" }, "correct horse")).rejects.toBeInstanceOf(WrongPasswordError);
  });
  it("parses only well-formed records", async () => {
    const record = await encryptMnemonic(MNEMONIC, "pw123456", "akash1test", 1000);
    expect(parseVaultRecord(JSON.stringify(record))).toEqual(record);
    expect(parseVaultRecord("not json")).toBeNull();
    expect(parseVaultRecord(JSON.stringify({ version: 1 }))).toBeNull();
    expect(parseVaultRecord(null)).toBeNull();
  });
});

describe("mnemonic wallet", () => {
  it("normalises and validates phrases", () => {
    expect(checkMnemonic(`  ${MNEMONIC.toUpperCase()}  `)).toEqual({ ok: true, mnemonic: MNEMONIC });
    expect(checkMnemonic("abandon abandon")).toMatchObject({ ok: false, error: expect.stringContaining("has 2") });
    expect(checkMnemonic(MNEMONIC.replace("about", "abandon"))).toMatchObject({ ok: false, error: expect.stringContaining("checksum") });
    expect(checkMnemonic(MNEMONIC.replace("about", "abuot"))).toMatchObject({ ok: false, error: expect.stringContaining("word list") });
  });
  it("derives the standard akash address (coin type 118)", async () => {
    const { address } = await walletFromMnemonic(MNEMONIC);
    // Same key as the well-known cosmos19rl4cm2hmr8afy4kldpxz3fka4jguq0auqdal4 (m/44'/118'/0'/0/0).
    expect(address).toMatch(/^akash19rl4cm2hmr8afy4kldpxz3fka4jguq0a[a-z0-9]{6}$/);
  });
  it("generates 24-word phrases", async () => {
    const { mnemonic, address } = await generateMnemonicWallet();
    expect(mnemonic.split(" ")).toHaveLength(24);
    expect(address).toMatch(/^akash1/);
  });
});
