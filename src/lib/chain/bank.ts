/** x/bank reads. */
import { joinUrl, requestJson } from "./http";
import { q } from "./pagination";
import type { Coin } from "./coins";

export async function getBalances(restUrl: string, address: string, signal?: AbortSignal): Promise<Coin[]> {
  const body = await requestJson<{ balances?: Coin[] }>(joinUrl(restUrl, `/cosmos/bank/v1beta1/balances/${q(address)}`), { signal });
  return body.balances ?? [];
}
