/**
 * Redeploying: the deploy page opened with a deployment's saved SDL (`redeploy`), its deposit (`deposit`, display
 * units), the review opened at once (`review`) and providers left out of the next auction (`exclude`, e.g. the one
 * that failed to start it). Everything is in the URL, so a reload keeps it.
 */
export interface RedeployRequest {
  dseq: string;
  /** Display units of the compute denom, e.g. "5". */
  deposit?: string;
  exclude?: ReadonlyArray<string>;
  review?: boolean;
}

export function redeployPath({ dseq, deposit, exclude = [], review = false }: RedeployRequest): string {
  const params = new URLSearchParams({ redeploy: dseq });
  if (deposit) params.set("deposit", deposit);
  for (const provider of exclude) params.append("exclude", provider);
  if (review) params.set("review", "1");
  return `/deploy?${params.toString()}`;
}

const ADDRESS = /^akash1[0-9a-z]{38,58}$/;

/** Provider addresses to leave out, from a URL's `exclude` parameters (anything else is ignored). */
export function excludedProviders(params: URLSearchParams): string[] {
  return [...new Set(params.getAll("exclude").filter((a) => ADDRESS.test(a)))];
}

/** The bids page of a new deployment, carrying the exclusions over. */
export function bidsPath(dseq: string, exclude: ReadonlyArray<string> = []): string {
  const params = new URLSearchParams();
  for (const provider of exclude) params.append("exclude", provider);
  const query = params.toString();
  return `/deployments/${dseq}/bids${query ? `?${query}` : ""}`;
}
