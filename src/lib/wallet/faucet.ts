import { ChainRequestError, joinUrl, originOf } from "../chain/http";

/**
 * Ask the network's faucet to credit `address` with `denom` (devnet: "uakt" or "uact").
 * The faucet answers 200 with a short text or JSON body; errors carry a message.
 */
export async function requestFaucetCredit(faucetUrl: string, address: string, denom: string): Promise<void> {
  const url = joinUrl(faucetUrl, "/credit");
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ address, denom }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new ChainRequestError("unreachable", url, `Cannot reach the faucet at ${originOf(url)}`);
  }
  if (response.ok) return;
  const text = (await response.text().catch(() => "")).trim();
  let message = text;
  try {
    const body = JSON.parse(text) as { message?: string; error?: string };
    message = body.message || body.error || text;
  } catch {
    // plain-text error
  }
  if (response.status === 429) throw new ChainRequestError("http", url, message || "The faucet allows one request per address every little while. Try again shortly.", 429);
  throw new ChainRequestError("http", url, message || `Faucet answered HTTP ${response.status}`, response.status);
}
