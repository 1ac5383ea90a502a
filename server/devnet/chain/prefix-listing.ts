import type { PageRequest, PageResponse } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { paginate } from "./pagination.ts";
import type { KVStore } from "./types.ts";

/**
 * A query's page of the records stored under one key prefix, each turned into its wire message: the SDK's
 * query.Paginate over a prefix store, or FilteredPaginate when `keep` drops some (a listing by a field that is not
 * in the key, such as x/authz's grants by grantee). Pages are keyed by the full store key.
 */
export function listUnderPrefix<R, M>(
  store: KVStore,
  prefix: string,
  req: PageRequest | undefined,
  toMessage: (record: R) => M,
  keep?: (record: R) => boolean,
): { items: M[]; pagination: PageResponse } {
  function* records(): Iterable<[string, R]> {
    for (const entry of store.iterate<R>(prefix)) if (!keep || keep(entry[1])) yield entry;
  }
  const page = paginate(records(), ([key]) => key, req);
  return { items: page.items.map(([, record]) => toMessage(record)), pagination: page.pagination };
}
