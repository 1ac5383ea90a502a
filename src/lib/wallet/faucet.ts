import { joinUrl, requestJson } from "../chain/http";

export interface FaucetCredit {
  txHash?: string;
  amount?: string;
}

/** Ask the network's faucet to credit `address` with `denom` (devnet: "uakt" or "uact"). */
export async function requestFaucetCredit(faucetUrl: string, address: string, denom: string): Promise<FaucetCredit> {
  const body = await requestJson<Record<string, unknown>>(joinUrl(faucetUrl, "/credit"), { method: "POST", body: { address, denom }, timeoutMs: 30_000 });
  const hash = body?.txHash ?? body?.tx_hash ?? body?.hash;
  const amount = body?.amount;
  return { txHash: typeof hash === "string" ? hash : undefined, amount: typeof amount === "string" ? amount : undefined };
}
