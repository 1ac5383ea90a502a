import type { Lease } from "@/lib/chain/market";

export function activeLeases<T extends Pick<Lease, "state">>(leases: ReadonlyArray<T>): T[] {
  return leases.filter((l) => l.state === "active");
}

/** Each provider running an active lease of the deployment, once (a provider may hold several of its leases). */
export function activeProviders(leases: ReadonlyArray<Pick<Lease, "state" | "provider">>): string[] {
  return [...new Set(activeLeases(leases).map((l) => l.provider))];
}
