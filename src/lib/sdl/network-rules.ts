/**
 * Network rules chain-sdk applies or does not know. In chain-sdk alpha.25 the network id only decides which USDC
 * `ibc/…` denom pricing may use; the devnet is mainnet-compatible, so mainnet rules apply everywhere.
 */
export const SDL_NETWORK_ID = "mainnet" as const;

/** Placement/profile pairs priced in uakt: Akash v2 (BME) accepts only uact deployment pricing. */
export function uaktPricings(sdl: unknown): Array<{ placement: string; profile: string }> {
  const placements = (sdl as { profiles?: { placement?: Record<string, { pricing?: Record<string, { denom?: unknown }> }> } } | null)?.profiles?.placement;
  if (!placements || typeof placements !== "object") return [];
  const out: Array<{ placement: string; profile: string }> = [];
  for (const [placement, value] of Object.entries(placements)) {
    const pricing = value?.pricing;
    if (!pricing || typeof pricing !== "object") continue;
    for (const [profile, price] of Object.entries(pricing)) if (price?.denom === "uakt") out.push({ placement, profile });
  }
  return out;
}
