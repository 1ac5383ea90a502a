/**
 * After the leases exist: send the manifest to each provider through the proxy (with retries), then
 * follow the workload: kube events over the provider WebSocket (pulling → started) and the lease
 * status (ready + URIs). One state machine per lease.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { DeploymentRecord } from "@/lib/deployment/local-store";
import { deploymentStore } from "@/lib/deployment/local-store";
import type { LeaseView, ProviderView } from "@/lib/deployment/queries";
import {
  isProviderProxyError,
  leasePath,
  ProviderProxyClient,
  ProviderProxyError,
  providerUrl,
  ProviderWebSocketSession,
  type LeaseStatus,
} from "@/lib/provider-proxy";
import type { NetworkConfig } from "@/lib/networks/networks";
import type { AuthGetter } from "./provider-auth";
import { getErrorMessage } from "@/lib/errors";

export type RolloutStep =
  "lease" | "manifest" | "pulling" | "started" | "ready";
export const ROLLOUT_STEPS: Array<{ step: RolloutStep; label: string }> = [
  { step: "lease", label: "Lease created" },
  { step: "manifest", label: "Manifest accepted" },
  { step: "pulling", label: "Pulling image" },
  { step: "started", label: "Container started" },
  { step: "ready", label: "Ready" },
];

export interface LeaseRollout {
  key: string;
  lease: LeaseView;
  provider?: ProviderView;
  /** Last step reached. */
  step: RolloutStep;
  /** Working on the next step (sending, waiting for events). */
  busy: boolean;
  attempt: number;
  error: ProviderProxyError | null;
  uris: string[];
  /** Recent provider events, newest last. */
  events: Array<{ at: number; reason: string; note: string }>;
  stepAt: Partial<Record<RolloutStep, number>>;
}

const ORDER: RolloutStep[] = [
  "lease",
  "manifest",
  "pulling",
  "started",
  "ready",
];
const MAX_ATTEMPTS = 6;

function later(a: RolloutStep, b: RolloutStep): RolloutStep {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

export function useLeaseRollout(args: {
  network: NetworkConfig;
  record: DeploymentRecord | null;
  leases: LeaseView[];
  providers: ProviderView[] | undefined;
  auth: AuthGetter | null;
}) {
  const { network, record, leases, providers, auth } = args;
  const [rollouts, setRollouts] = useState<Record<string, LeaseRollout>>({});
  const [generation, setGeneration] = useState(0);
  const renewNext = useRef(false);
  const activeLeases = leases.filter((l) => l.state === "active");
  const leaseKeys = activeLeases
    .map((l) => `${l.gseq}/${l.oseq}/${l.provider}`)
    .join(",");
  const providersReady = Boolean(providers);

  const retry = useCallback((renew: boolean) => {
    renewNext.current = renew;
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    if (!record || !auth || !providersReady || !network.proxyUrl || !leaseKeys)
      return;
    const controller = new AbortController();
    const { signal } = controller;
    const client = new ProviderProxyClient({ proxyUrl: network.proxyUrl, network: network.proxyNetwork });
    const sessions: ProviderWebSocketSession[] = [];
    const renew = renewNext.current;
    renewNext.current = false;
    const update = (
      key: string,
      patch:
        Partial<LeaseRollout> | ((r: LeaseRollout) => Partial<LeaseRollout>),
    ) => {
      if (signal.aborted) return;
      setRollouts((all) => {
        const current = all[key];
        if (!current) return all;
        const next = typeof patch === "function" ? patch(current) : patch;
        return { ...all, [key]: { ...current, ...next } };
      });
    };
    const reach = (key: string, step: RolloutStep) =>
      update(key, (r) => {
        const next = later(r.step, step);
        return next === r.step
          ? {}
          : { step: next, stepAt: { ...r.stepAt, [step]: Date.now() } };
      });

    // Initialise the per-lease state in a microtask (not synchronously in the effect body).
    const init = () =>
      setRollouts((all) => {
        const next: Record<string, LeaseRollout> = {};
        for (const lease of activeLeases) {
          const key = `${lease.gseq}/${lease.oseq}/${lease.provider}`;
          const existing = all[key];
          next[key] = existing
            ? { ...existing, error: null, busy: true }
            : {
                key,
                lease,
                provider: providers?.find((p) => p.address === lease.provider),
                step: "lease",
                busy: true,
                attempt: 0,
                error: null,
                uris: [],
                events: [],
                stepAt: { lease: Date.now() },
              };
        }
        return next;
      });
    queueMicrotask(() => {
      if (!signal.aborted) init();
    });

    const run = async (lease: LeaseView) => {
      const key = `${lease.gseq}/${lease.oseq}/${lease.provider}`;
      const provider = providers?.find((p) => p.address === lease.provider);
      if (!provider) {
        update(key, {
          busy: false,
          error: new ProviderProxyError(
            "rejectedByProxy",
            `Provider ${lease.provider} is not registered on chain any more.`,
          ),
        });
        return;
      }
      const coords = { dseq: record.dseq, gseq: lease.gseq, oseq: lease.oseq };
      // Credentials for this provider only.
      const first = await auth(provider.address, { renew }).catch((error: unknown) => {
        update(key, { busy: false, error: toProxyError(error) });
        return null;
      });
      if (!first) return;
      let credential = first;

      const status = async (): Promise<LeaseStatus | null> => {
        try {
          return await client.leaseStatus({
            hostUri: provider.hostUri,
            providerAddress: provider.address,
            lease: coords,
            auth: credential,
          });
        } catch (error) {
          if (isProviderProxyError(error) && error.kind === "notFound")
            return null;
          throw error;
        }
      };

      // 1. Manifest (skipped when the provider already has it, e.g. after a reload).
      const accepted0 = await status().then(
        (s) => s !== null,
        () => false,
      );
      let accepted = accepted0;
      for (
        let attempt = 1;
        !accepted && attempt <= MAX_ATTEMPTS && !signal.aborted;
        attempt++
      ) {
        update(key, { attempt, busy: true });
        try {
          // The store is the source of truth (the SDL may have been updated since this page loaded it).
          const latest = (await deploymentStore().load(network.id, record.owner, record.dseq)) ?? record;
          await client.sendManifest({
            hostUri: provider.hostUri,
            providerAddress: provider.address,
            dseq: record.dseq,
            manifestJson: latest.manifestJson,
            auth: credential,
            signal,
          });
          accepted = true;
        } catch (error) {
          if (signal.aborted) return;
          const failure = toProxyError(error);
          if (failure.kind === "tokenExpired" && attempt < MAX_ATTEMPTS) {
            credential = await auth(provider.address, { renew: true }).catch(() => credential);
            continue;
          }
          const retryable =
            failure.retryable ||
            (failure.kind === "providerError" && (failure.status ?? 0) >= 500);
          if (!retryable || attempt === MAX_ATTEMPTS) {
            update(key, { busy: false, error: failure });
            return;
          }
          update(key, { error: failure });
          await sleep(Math.min(8000, 700 * 2 ** (attempt - 1)), signal);
        }
      }
      if (signal.aborted || !accepted) return;
      update(key, { error: null });
      reach(key, "manifest");
      void deploymentStore()
        .update(network.id, record.owner, record.dseq, {
          manifestSentAt: {
            ...(record.manifestSentAt ?? {}),
            [provider.address]: Date.now(),
          },
        })
        .catch(() => undefined);

      // 2. Events (pulling/started) over the provider WebSocket.
      const session = new ProviderWebSocketSession({
        proxyUrl: network.proxyUrl,
        network: network.proxyNetwork,
        url: providerUrl(
          provider.hostUri,
          `${leasePath(coords)}/kubeevents?follow=true`,
        ),
        providerAddress: provider.address,
        auth: ({ renew: again }) => auth(provider.address, { renew: again }),
        reconnectOnClose: (close) => close.code === 1006 || close.code === 4002,
      });
      sessions.push(session);
      session.onFrame((frame) => {
        if (frame.kind !== "text") return;
        try {
          const event = JSON.parse(frame.text) as {
            reason?: string;
            note?: string;
          };
          const reason = event.reason ?? "";
          update(key, (r) => ({
            events: [
              ...r.events.slice(-19),
              { at: Date.now(), reason, note: event.note ?? "" },
            ],
          }));
          if (/^Pulling$/i.test(reason)) reach(key, "pulling");
          if (/^(Pulled|Created|Started)$/i.test(reason))
            reach(key, reason === "Pulled" ? "pulling" : "started");
        } catch {
          // not an event frame
        }
      });
      session.connect();

      // 3. Lease status until every service is available.
      while (!signal.aborted) {
        try {
          const current = await status();
          if (current) {
            const services = Object.values(current.services ?? {});
            const uris = services.flatMap((s) => s.uris ?? []);
            const forwarded = Object.values(
              current.forwarded_ports ?? {},
            ).flatMap((ports) =>
              ports.map((p) => `${p.host}:${p.externalPort}`),
            );
            update(key, { uris: [...uris, ...forwarded] });
            if (services.some((s) => (s.available ?? 0) > 0))
              reach(key, "started");
            if (
              services.length > 0 &&
              services.every((s) => s.total > 0 && s.available >= s.total)
            ) {
              reach(key, "ready");
              update(key, { busy: false, error: null });
              session.close();
              return;
            }
          }
          update(key, { error: null });
        } catch (error) {
          const failure = toProxyError(error);
          if (failure.kind === "tokenExpired")
            credential = await auth(provider.address, { renew: true }).catch(() => credential);
          else update(key, { error: failure });
        }
        await sleep(1000, signal);
      }
    };
    for (const lease of activeLeases) void run(lease);
    return () => {
      controller.abort();
      for (const s of sessions) s.close();
    };
    // Restart only when the set of leases, the credential source or a retry changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    leaseKeys,
    record?.dseq,
    auth,
    providersReady,
    network.proxyUrl,
    network.proxyNetwork,
    generation,
  ]);

  return { rollouts: Object.values(rollouts), retry };
}

function toProxyError(error: unknown): ProviderProxyError {
  if (isProviderProxyError(error)) return error;
  return new ProviderProxyError(
    "providerError",
    getErrorMessage(error),
  );
}
