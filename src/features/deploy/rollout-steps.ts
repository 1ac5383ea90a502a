/**
 * The steps a lease goes through after it is created, and how each is recognised: the provider accepting the
 * manifest, its kube events (pulling, started) and its lease status (replicas available, URIs).
 */
import type { LeaseStatus } from "@/lib/provider-proxy";

export type RolloutStep = "lease" | "manifest" | "pulling" | "started" | "ready";

export const ROLLOUT_STEPS: ReadonlyArray<{ step: RolloutStep; label: string }> = [
  { step: "lease", label: "Lease created" },
  { step: "manifest", label: "Manifest accepted" },
  { step: "pulling", label: "Pulling image" },
  { step: "started", label: "Container started" },
  { step: "ready", label: "Ready" },
];

const ORDER: RolloutStep[] = ROLLOUT_STEPS.map((s) => s.step);

export function stepIndex(step: RolloutStep): number {
  return ORDER.indexOf(step);
}

/** The furthest of the steps reached (a lease is always created); signals arrive in any order. */
export function furthestStep(...reached: ReadonlyArray<RolloutStep | null | undefined>): RolloutStep {
  return reached.reduce<RolloutStep>((best, step) => (step && stepIndex(step) > stepIndex(best) ? step : best), "lease");
}

export interface ProviderEvent {
  at: number;
  reason: string;
  note: string;
}

/** One kube event frame (`{reason, note, …}` JSON); null for anything else. */
export function parseEventFrame(text: string, at: number): ProviderEvent | null {
  try {
    const event = JSON.parse(text) as { reason?: unknown; note?: unknown } | null;
    if (!event || typeof event !== "object" || typeof event.reason !== "string") return null;
    return { at, reason: event.reason, note: typeof event.note === "string" ? event.note : "" };
  } catch {
    return null;
  }
}

/** The step a kube event proves: pulling (Pulling, Pulled) or started (Created, Started). */
export function stepOfEvent(reason: string): RolloutStep | null {
  if (/^(Pulling|Pulled)$/i.test(reason)) return "pulling";
  if (/^(Created|Started)$/i.test(reason)) return "started";
  return null;
}

/** Every service has all its replicas available. */
export function isLeaseReady(status: LeaseStatus | null | undefined): boolean {
  const services = Object.values(status?.services ?? {});
  return services.length > 0 && services.every((s) => s.total > 0 && s.available >= s.total);
}

/**
 * The step a lease status proves: none while the provider does not know the lease (null), else the manifest
 * was accepted, a replica is up (started), or all are (ready).
 */
export function stepOfStatus(status: LeaseStatus | null | undefined): RolloutStep | null {
  if (!status) return null;
  if (isLeaseReady(status)) return "ready";
  return Object.values(status.services ?? {}).some((s) => (s.available ?? 0) > 0) ? "started" : "manifest";
}

/** Service URIs (HTTP ingress), in the provider's order. Forwarded ports are not HTTP: see tcpEndpoints. */
export function leaseUris(status: LeaseStatus | null | undefined): string[] {
  if (!status) return [];
  return Object.values(status.services ?? {}).flatMap((s) => s.uris ?? []);
}
