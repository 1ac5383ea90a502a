import { describe, expect, test } from "vitest";
import { X509Certificate } from "node:crypto";
import { Secp256k1HdWallet, pubkeyToAddress, encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { JwtTokenManager, certificateManager } from "@akashnetwork/chain-sdk";
import { AuthError, authorize, verifyClientCertificate, verifyJwt, type AuthChain, type Principal } from "./auth.ts";
import type { OnChainCertificate } from "./chain-rest.ts";
import { PROVIDER_ADDRESSES } from "../config.ts";

const MNEMONIC = "isolate egg camera oxygen pulp bar post universe breeze guitar arrow device inherit own home damage middle tomato reunion float myself bird crater search";
const PROVIDER = PROVIDER_ADDRESSES[0];

class FakeChain implements AuthChain {
  pubkeys = new Map<string, Uint8Array | null>();
  certs = new Map<string, OnChainCertificate>();
  async certificate(owner: string, serial: string) {
    return this.certs.get(`${owner}/${serial}`) ?? null;
  }
  async accountPubkey(address: string) {
    return this.pubkeys.get(address) ?? null;
  }
}

async function adr36Wallet() {
  const wallet = await Secp256k1HdWallet.fromMnemonic(MNEMONIC, { prefix: "akash" });
  const [acc] = await wallet.getAccounts();
  return { wallet, address: acc!.address, pubkey: acc!.pubkey };
}

function es256kSigner() {
  const priv = secp256k1.utils.randomSecretKey();
  const pub = secp256k1.getPublicKey(priv, true);
  const address = pubkeyToAddress(encodeSecp256k1Pubkey(pub), "akash");
  const signer = {
    algorithm: "ES256K" as const,
    signArbitrary: async (_signer: string, data: string | Uint8Array) => ({
      pub_key: encodeSecp256k1Pubkey(pub),
      signature: Buffer.from(secp256k1.sign(typeof data === "string" ? new TextEncoder().encode(data) : data, priv)).toString("base64"),
    }),
  };
  return { signer, address, pubkey: pub };
}

const now = () => Math.floor(Date.now() / 1000);

describe("JWT verification", () => {
  test("accepts an ES256KADR36 token from chain-sdk's JwtTokenManager (Keplr signArbitrary)", async () => {
    const { wallet, address, pubkey } = await adr36Wallet();
    const chain = new FakeChain();
    chain.pubkeys.set(address, pubkey);
    const token = await new JwtTokenManager(wallet).generateToken({ version: "v1", iss: address, leases: { access: "full" } });
    expect(JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).alg).toBe("ES256KADR36");
    const p = await verifyJwt(token, chain);
    expect(p).toMatchObject({ owner: address, method: "jwt" });
  });

  test("accepts an ES256K token", async () => {
    const { signer, address, pubkey } = es256kSigner();
    const chain = new FakeChain();
    chain.pubkeys.set(address, pubkey);
    const token = await new JwtTokenManager(signer).generateToken({ version: "v1", iss: address });
    expect(JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).alg).toBe("ES256K");
    await expect(verifyJwt(token, chain)).resolves.toMatchObject({ owner: address });
  });

  test("rejects a token signed by another key than the issuer's on-chain key", async () => {
    const { wallet, address } = await adr36Wallet();
    const chain = new FakeChain();
    chain.pubkeys.set(address, es256kSigner().pubkey);
    const token = await new JwtTokenManager(wallet).generateToken({ version: "v1", iss: address });
    await expect(verifyJwt(token, chain)).rejects.toThrow("JWT is invalid: signature verification failed");
  });

  test("rejects an expired token, a tampered payload, no on-chain pubkey and invalid claims", async () => {
    const { wallet, address, pubkey } = await adr36Wallet();
    const chain = new FakeChain();
    chain.pubkeys.set(address, pubkey);
    const mgr = new JwtTokenManager(wallet);
    const token = await mgr.generateToken({ version: "v1", iss: address, iat: now() - 100, nbf: now() - 100, exp: now() + 2 });
    const err = await verifyJwt(token, chain, now() + 10).catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect([err.status, err.message]).toEqual([401, "JWT is expired"]);

    const [h, , s] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ iss: address, iat: now(), nbf: now(), exp: now() + 3600, version: "v1", leases: { access: "full" }, jti: "x-forged" })).toString("base64url");
    await expect(verifyJwt(`${h}.${forged}.${s}`, chain)).rejects.toThrow(/signature verification failed/);

    const noKey = new FakeChain();
    await expect(verifyJwt(token, noKey)).rejects.toThrow("JWT is invalid: issuer account has no public key on chain");

    const badClaims = Buffer.from(JSON.stringify({ iss: address, iat: now(), nbf: now(), exp: now() + 60, version: "v2", leases: { access: "full" } })).toString("base64url");
    const e2 = await verifyJwt(`${h}.${badClaims}.${s}`, chain).catch((e) => e);
    expect(e2.status).toBe(400);
    expect(e2.message).toMatch(/^JWT has invalid claims/);

    // A token good for a day is refused, however well signed.
    const long = await mgr.generateToken({ version: "v1", iss: address, iat: now(), nbf: now(), exp: now() + 86_400, leases: { access: "full" } });
    await expect(verifyJwt(long, chain)).rejects.toThrow("JWT is invalid: lifetime longer than 3600 s");

    await expect(verifyJwt("not-a-jwt", chain)).rejects.toThrow(/malformed/);
    const hs = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
    await expect(verifyJwt(`${hs}.${token.split(".")[1]}.${s}`, chain)).rejects.toThrow(/unsupported alg HS256/);
  });
});

describe("claims and scopes", () => {
  const jwt = (leases: unknown): Principal => ({ owner: "akash1owner", method: "jwt", claims: { iss: "akash1owner", iat: 0, nbf: 0, exp: 0, version: "v1", leases } as never });
  test("full, scoped and granular access", () => {
    const target = { provider: PROVIDER, dseq: "42", gseq: 1, oseq: 1 };
    expect(authorize({ owner: "o", method: "mtls", claims: null }, "shell", target)).toBe(true);
    expect(authorize(jwt({ access: "full" }), "shell", target)).toBe(true);
    expect(authorize(jwt({ access: "scoped", scope: ["logs", "status"] }), "logs", target)).toBe(true);
    expect(authorize(jwt({ access: "scoped", scope: ["logs", "status"] }), "shell", target)).toBe(false);
    const granular = jwt({ access: "granular", permissions: [{ provider: PROVIDER, access: "granular", deployments: [{ dseq: 42, scope: ["send-manifest", "status"] }] }] });
    expect(authorize(granular, "send-manifest", target)).toBe(true);
    expect(authorize(granular, "shell", target)).toBe(false);
    expect(authorize(granular, "status", { ...target, dseq: "43" })).toBe(false);
    expect(authorize(granular, "status", { ...target, provider: PROVIDER_ADDRESSES[1] })).toBe(false);
    // Limited to service "web": logs of "web" yes; of "db", or of every service (none named), no.
    const webOnly = jwt({ access: "granular", permissions: [{ provider: PROVIDER, access: "granular", deployments: [{ dseq: 42, scope: ["logs"], services: ["web"] }] }] });
    expect(authorize(webOnly, "logs", { ...target, services: ["web"] })).toBe(true);
    expect(authorize(webOnly, "logs", { ...target, services: ["db"] })).toBe(false);
    expect(authorize(webOnly, "logs", target)).toBe(false);
    expect(authorize(webOnly, "logs", { ...target, services: [] })).toBe(false);
    const perProvider = jwt({ access: "granular", permissions: [{ provider: PROVIDER, access: "scoped", scope: ["events"] }] });
    expect(authorize(perProvider, "events", target)).toBe(true);
    expect(authorize(perProvider, "logs", target)).toBe(false);
    // The console's token for one provider, replayed at another.
    expect(authorize(perProvider, "events", { ...target, provider: PROVIDER_ADDRESSES[1] })).toBe(false);
  });
});

describe("mTLS client certificates", () => {
  const owner = "akash1m8pac3yj90xahz8lnl3nauth3agactsvslfgjf";

  async function registered(chain: FakeChain, state = "valid", opts?: { validFrom?: Date; validTo?: Date }) {
    const pem = await certificateManager.generatePEM(owner, opts);
    const x = new X509Certificate(pem.cert);
    const serial = BigInt("0x" + x.serialNumber).toString(10);
    chain.certs.set(`${owner}/${serial}`, { state, certPem: pem.cert, serial });
    return x;
  }

  test("accepts a valid on-chain certificate (CN = owner)", async () => {
    const chain = new FakeChain();
    const x = await registered(chain);
    await expect(verifyClientCertificate(x, chain)).resolves.toEqual({ owner, method: "mtls", claims: null });
  });

  test("rejects revoked, unregistered, expired and mismatching certificates", async () => {
    const chain = new FakeChain();
    const revoked = await registered(chain, "revoked");
    await expect(verifyClientCertificate(revoked, chain)).rejects.toThrow(/has been revoked/);

    const unregistered = new X509Certificate((await certificateManager.generatePEM(owner)).cert);
    await expect(verifyClientCertificate(unregistered, chain)).rejects.toThrow(/is not registered on chain/);

    const expired = await registered(chain, "valid", { validFrom: new Date(Date.now() - 3 * 86400_000), validTo: new Date(Date.now() - 86400_000) });
    await expect(verifyClientCertificate(expired, chain)).rejects.toThrow(/has expired/);

    // Same owner and serial registered, but a different certificate.
    const other = await registered(chain);
    const serial = BigInt("0x" + other.serialNumber).toString(10);
    chain.certs.set(`${owner}/${serial}`, { state: "valid", certPem: (await certificateManager.generatePEM(owner)).cert, serial });
    await expect(verifyClientCertificate(other, chain)).rejects.toThrow(/does not match the on-chain certificate/);

    const notAddress = new X509Certificate((await certificateManager.generatePEM("someone")).cert);
    await expect(verifyClientCertificate(notAddress, chain)).rejects.toThrow(/not an akash address/);
  });
});
