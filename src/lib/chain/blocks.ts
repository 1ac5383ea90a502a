/** Block reads (REST `cosmos.base.tendermint`). */
import { ChainRequestError, joinUrl, requestJson } from "./http";

export interface BlockHeader {
  chainId: string;
  height: number;
  /** RFC 3339 block time. */
  time: string;
}

interface BlockJson {
  block?: { header?: { chain_id?: string; height?: string; time?: string } };
  sdk_block?: { header?: { chain_id?: string; height?: string; time?: string } };
}

function headerOf(body: BlockJson, restUrl: string): BlockHeader {
  const header = body?.sdk_block?.header ?? body?.block?.header;
  const height = Number(header?.height);
  if (!header || !Number.isFinite(height) || height <= 0) throw new ChainRequestError("invalid-response", restUrl, "The node did not report a block height");
  return { chainId: header.chain_id ?? "", height, time: header.time ?? "" };
}

export async function getLatestBlock(restUrl: string, signal?: AbortSignal, timeoutMs?: number): Promise<BlockHeader> {
  return headerOf(await requestJson<BlockJson>(joinUrl(restUrl, "/cosmos/base/tendermint/v1beta1/blocks/latest"), { signal, timeoutMs }), restUrl);
}

export async function getBlock(restUrl: string, height: number | string, signal?: AbortSignal): Promise<BlockHeader> {
  return headerOf(await requestJson<BlockJson>(joinUrl(restUrl, `/cosmos/base/tendermint/v1beta1/blocks/${height}`), { signal }), restUrl);
}
