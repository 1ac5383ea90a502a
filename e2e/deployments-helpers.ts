/**
 * Node-side set-up for the deployment-management specs: a fresh tenant (the same mnemonic the browser's
 * built-in wallet then imports) creates a deployment and a lease through the chain with cosmjs, and sends
 * the manifest through the provider proxy with a JWT, as the Akash CLI would. The UI is then driven from
 * the deployment detail page, independent of the create/auction flow.
 */
import { expect, type Page } from "@playwright/test";
import { DirectSecp256k1HdWallet, type EncodeObject } from "@cosmjs/proto-signing";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { stringToPath } from "@cosmjs/crypto";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { generateManifest, generateManifestVersion, JwtTokenManager, manifestToSortedJSON } from "@akashnetwork/chain-sdk";
import { testSdl } from "../src/lib/sdl/test-sdl.ts";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { parse } from "yaml";
import { PROVIDER_MNEMONIC } from "../server/devnet/config.ts";
import { createAkashRegistry } from "../server/shared/akash-registry.ts";
import { PASSWORD } from "./fixtures.ts";

export const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through playwright so global setup starts the stack`);
  return value;
};

export const webSdl = (image = "nginx:1.25", greeting = "hello from akash") => testSdl({ image, env: [`GREETING=${greeting}`], amount: 1000 });

async function rest<T>(path: string): Promise<T> {
  const res = await fetch(`${env("E2E_REST_URL")}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function connectSigner(mnemonic: string, hdIndex?: number) {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash", ...(hdIndex !== undefined ? { hdPaths: [stringToPath(`m/44'/118'/0'/0/${hdIndex}`)] } : {}) });
  const [account] = await wallet.getAccounts();
  const client = await SigningStargateClient.connectWithSigner(env("E2E_RPC_URL"), wallet, { registry: createAkashRegistry(), gasPrice: GasPrice.fromString("0.025uakt"), broadcastPollIntervalMs: 100 });
  return { client, address: account!.address };
}

export async function sendTx(client: SigningStargateClient, from: string, msgs: EncodeObject[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      // A fixed, generous fee: set-up must not depend on the gas estimate.
      const res = await client.signAndBroadcast(from, msgs, { amount: [{ denom: "uakt", amount: "50000" }], gas: "2000000" });
      if (res.code !== 0) throw new Error(res.rawLog);
      return res;
    } catch (error) {
      // A provider process signs with the same key (bids, withdrawals): retry a sequence race.
      if (attempt < 4 && /sequence/i.test(String(error))) continue;
      throw error;
    }
  }
}

export async function credit(address: string, denom: string) {
  const res = await fetch(`${env("E2E_FAUCET_URL")}/credit`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ address, denom }) });
  if (!res.ok) throw new Error(`faucet ${denom}: ${res.status} ${await res.text()}`);
}

export interface SeededDeployment {
  mnemonic: string;
  address: string;
  dseq: string;
  provider: string;
  hostUri: string;
  sdl: string;
}

/** Provider N (1-based) of the simulated set, from its on-chain host URI. */
export async function providerByIndex(n: number): Promise<{ owner: string; hostUri: string }> {
  const body = await rest<{ providers: Array<{ owner: string; host_uri: string }> }>("/akash/provider/v1beta4/providers?pagination.limit=100");
  const found = body.providers.find((p) => new URL(p.host_uri).hostname === `provider-${n}.localhost`);
  if (!found) throw new Error(`provider-${n} is not registered`);
  return { owner: found.owner, hostUri: found.host_uri };
}

export async function seedLeasedDeployment(opts: { sdl?: string; provider?: number; deposit?: string; sendManifest?: boolean; mnemonic?: string } = {}): Promise<SeededDeployment> {
  const sdl = opts.sdl ?? webSdl();
  // A given mnemonic is an already funded tenant (another deployment of the same owner).
  const generated = opts.mnemonic ? await DirectSecp256k1HdWallet.fromMnemonic(opts.mnemonic, { prefix: "akash" }) : await DirectSecp256k1HdWallet.generate(24, { prefix: "akash" });
  const mnemonic = generated.mnemonic;
  const address = (await generated.getAccounts())[0]!.address;
  if (!opts.mnemonic) {
    await credit(address, "uakt");
    await credit(address, "uact");
  }
  const { client } = await connectSigner(mnemonic);
  try {
    const built = generateManifest(parse(sdl), "sandbox");
    if (!built.ok) throw new Error(`invalid SDL: ${JSON.stringify(built.value)}`);
    const version = await generateManifestVersion(built.value.groups);
    const dseq = String(Date.now() * 1000 + Math.floor(Math.random() * 1000));
    await sendTx(client, address, [
      {
        typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
        value: { id: { owner: address, dseq }, groups: built.value.groupSpecs, hash: version, deposit: { amount: { denom: "uact", amount: opts.deposit ?? "5000000" }, sources: [Source.balance] } },
      },
    ]);
    const provider = await providerByIndex(opts.provider ?? 1);
    await until("a bid from the chosen provider", async () => {
      const bids = await rest<{ bids: Array<{ bid: { id: { provider: string } } }> }>(`/akash/market/v1beta5/bids/list?filters.owner=${address}&filters.dseq=${dseq}`);
      return bids.bids.some((b) => b.bid.id.provider === provider.owner);
    });
    await sendTx(client, address, [{ typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId: { owner: address, dseq, gseq: 1, oseq: 1, provider: provider.owner, bseq: 0 } } }]);
    if (opts.sendManifest !== false) await sendManifestViaProxy(mnemonic, address, provider, dseq, manifestToSortedJSON(built.value.groups));
    return { mnemonic, address, dseq, provider: provider.owner, hostUri: provider.hostUri, sdl };
  } finally {
    client.disconnect();
  }
}

async function sendManifestViaProxy(mnemonic: string, address: string, provider: { owner: string; hostUri: string }, dseq: string, manifestJson: string) {
  const token = await new JwtTokenManager(await Secp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" })).generateToken({ version: "v1", iss: address, leases: { access: "full" } });
  await until("the provider to accept the manifest", async () => {
    const res = await fetch(env("E2E_PROXY_URL"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "PUT", url: `${provider.hostUri}/deployment/${dseq}/manifest`, providerAddress: provider.owner, auth: { type: "jwt", token }, body: manifestJson, timeout: 20_000 }),
    });
    return res.ok;
  });
}

/** Closes a lease as its provider would (MsgCloseBid signed by the provider key). */
export async function closeLeaseAsProvider(seed: SeededDeployment, providerIndex: number, reason = 10000) {
  const { client, address } = await connectSigner(PROVIDER_MNEMONIC, providerIndex - 1);
  try {
    expect(address).toBe(seed.provider);
    await sendTx(client, address, [{ typeUrl: "/akash.market.v1beta5.MsgCloseBid", value: { id: { owner: seed.address, dseq: seed.dseq, gseq: 1, oseq: 1, provider: address, bseq: 0 }, reason } }]);
  } finally {
    client.disconnect();
  }
}

export async function deploymentInfo(owner: string, dseq: string) {
  return rest<{ deployment: { state: string; hash: string }; escrow_account: { state: { funds: Array<{ amount: string }>; deposits: unknown[] } } }>(`/akash/deployment/v1beta4/deployments/info?id.owner=${owner}&id.dseq=${dseq}`);
}

export async function setProviderOnline(name: string, online: boolean) {
  const res = await fetch(`${env("E2E_PROVIDER_ADMIN_URL")}/providers/${name}/${online ? "online" : "offline"}`, { method: "POST" });
  if (!res.ok) throw new Error(`admin ${name}: ${res.status}`);
}

/** Imports the tenant's mnemonic into the browser's built-in wallet. */
export async function importWallet(page: Page, mnemonic: string) {
  await page.getByRole("banner").getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("dialog", { name: "Connect a wallet" }).getByRole("button", { name: /Built-in devnet wallet/ }).click();
  const builtin = page.getByRole("dialog", { name: "Built-in devnet wallet" });
  await builtin.getByRole("tab", { name: "Import phrase" }).click();
  await builtin.getByLabel("Recovery phrase").fill(mnemonic);
  await builtin.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await builtin.getByLabel("Confirm password").fill(PASSWORD);
  await builtin.getByRole("button", { name: "Import wallet" }).click();
  await expect(page.getByRole("button", { name: /^Wallet akash1/ })).toBeVisible();
}

/**
 * Approves the wallet's review dialog and waits for the block. Every signing dialog states what moves before the
 * fee (`moves`: text the amounts must contain, e.g. /5\.00 ACT \(\$5\.00\)/); the confirmation is a toast with
 * the transaction hash, and the dialog is gone so the flow underneath goes on. Returns the hash.
 */
export async function approveTx(page: Page, title: string | RegExp, { moves = [] }: { moves?: string | RegExp | Array<string | RegExp> } = {}): Promise<string> {
  // The wallet's dialog (a form dialog may carry the same name, e.g. "Top up deployment 42").
  const review = page.getByRole("dialog", { name: title }).filter({ has: page.getByTestId("tx-fee") });
  await expect(review.getByTestId("tx-fee")).toContainText("AKT", { timeout: 20_000 });
  await expect(review.getByTestId("tx-moves")).toBeVisible();
  for (const expected of Array.isArray(moves) ? moves : [moves]) await expect(review.getByTestId("tx-moves")).toContainText(expected);
  await review.getByRole("button", { name: "Approve and send" }).click();
  await expect(review).toBeHidden({ timeout: 30_000 });
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: title }).filter({ has: page.getByTestId("tx-confirmed") }).last();
  await expect(toast).toBeVisible();
  return (await toast.getByTestId("tx-hash").textContent()) ?? "";
}

/** Settings → Certificates → create (the built-in wallet reaches providers over mTLS with it). */
export async function createCertificate(page: Page, options: { preferMtls?: boolean } = {}) {
  await navigate(page, "Settings");
  const section = page.getByRole("region", { name: "Certificates" });
  if (options.preferMtls) await section.getByLabel("Use my certificate (mTLS) for providers").check();
  await section.getByRole("button", { name: "Create certificate" }).click();
  await approveTx(page, "Create certificate");
  await expect(section.getByRole("listitem").filter({ hasText: "Valid" }).filter({ hasText: "Key in this browser" })).toHaveCount(1, { timeout: 20_000 });
}

/** Client-side navigation through the app's links. */
export async function navigate(page: Page, name: string) {
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
  // Narrow windows hide the side navigation behind the menu button.
  if (!(await link.isVisible())) await page.getByRole("banner").getByRole("button", { name: "Menu" }).click();
  await link.click();
}
