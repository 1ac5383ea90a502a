/**
 * One lease's way from "created" to "ready": read its status (the provider may already have the manifest), send
 * the manifest through the provider session (one retry policy; each attempt reported), then follow the workload:
 * kube events over the provider socket (pulling → started) and the lease status (ready, URIs). Status lives in
 * the query cache under `leaseKeys.status`, the entry the deployment page reads too; see ./rollout-policy.ts for
 * when it is read.
 */
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Lease } from "@/lib/chain/market";
import type { AuditedProvider } from "@/lib/chain/provider";
import { leasePath, providerUrl, type ProviderProxyError, type ProviderScope, type SessionFrame } from "@/lib/provider-proxy";
import { useNetwork } from "@/shared/network";
import { useProviderSession, useProviderSocket } from "@/shared/provider-session";
import { leaseStatusQuery } from "@/shared/provider-session/lease-status-query";
import { isCredentialError, rolloutError, rolloutState, statusPollMs } from "./rollout-policy";
import { serviceHints, tcpEndpoints, type TcpEndpoint } from "@/lib/deployment/endpoints";
import { useDeploymentRecord } from "@/shared/chain-data/records";
import { furthestStep, isLeaseReady, leaseUris, parseEventFrame, stepOfEvent, stepOfStatus, type ProviderEvent, type RolloutStep } from "./rollout-steps";
import { useSendManifest } from "./use-send-manifest";

export interface LeaseRollout {
  key: string;
  lease: Lease;
  provider?: AuditedProvider;
  /** Last step reached. */
  step: RolloutStep;
  /** Working on the next step (sending, retrying, waiting for the workload). */
  busy: boolean;
  /** Manifest attempt under way (1-based; 0 before the first). */
  attempt: number;
  error: ProviderProxyError | null;
  uris: string[];
  /** Forwarded ports and leased IPs (not HTTP): host:port and a connection command. */
  endpoints: TcpEndpoint[];
  /** Recent provider events, newest last. */
  events: ProviderEvent[];
}

const MAX_EVENTS = 20;

/** `provider`: undefined while the provider list is read, null when the lease's provider is not registered. */
/**
 * `fresh`: the lease was just created from this page, so the provider cannot have its manifest yet: it is sent at
 * once, and status is read only after that (no status round trip, and no second signature, before the manifest).
 */
export function useLeaseRollout({ lease, provider: known, hasManifest, fresh = false }: { lease: Lease; provider: AuditedProvider | null | undefined; hasManifest: boolean; fresh?: boolean }) {
  const provider = known ?? undefined;
  const { network } = useNetwork();
  // The saved SDL names each service's image and database user, for the TCP endpoints' connection commands.
  const recordSdl = useDeploymentRecord(lease.owner, lease.dseq).data?.sdl;
  const hints = useMemo(() => serviceHints(recordSdl), [recordSdl]);
  const session = useProviderSession();
  const manifest = useSendManifest();
  const [progress, setProgress] = useState<{ attempt: number; lastError: ProviderProxyError | null }>({ attempt: 0, lastError: null });
  const [renewError, setRenewError] = useState<ProviderProxyError | null>(null);
  const [events, setEvents] = useState<ProviderEvent[]>([]);

  const manifestAccepted = manifest.isSuccess;
  const statusQuery = leaseStatusQuery(session, network.id, lease, provider);
  const status = useQuery({
    ...statusQuery,
    enabled: statusQuery.enabled && !(fresh && (manifest.isIdle || manifest.isPending)),
    refetchInterval: (query) => statusPollMs(query.state, manifestAccepted),
    // A focus must not ask the wallet for a signature the user just declined.
    refetchOnWindowFocus: false,
  });
  const accepted = manifestAccepted || Boolean(status.data);
  const ready = isLeaseReady(status.data);
  const halted = isCredentialError(status.error);

  // Aborts a manifest still being retried when the page goes away.
  const abort = useRef<AbortController | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    return () => controller.abort();
  }, []);

  const { mutate: sendManifest, reset: resetManifest } = manifest;
  const send = useCallback(() => {
    if (!provider) return;
    sendManifest({ lease, provider, signal: abort.current?.signal, onAttempt: (attempt, lastError) => setProgress({ attempt, lastError }) });
  }, [sendManifest, lease, provider]);

  // A fresh lease gets the manifest at once; otherwise a status answer decides: the provider has it already, or it
  // gets it now.
  const statusSaysMissing = status.isFetched && !status.isFetching && !status.data;
  const needsManifest = hasManifest && Boolean(provider) && (fresh || statusSaysMissing) && !halted && manifest.isIdle;
  useEffect(() => {
    if (needsManifest) send();
  }, [needsManifest, send]);

  const onFrame = useCallback((frame: SessionFrame) => {
    if (frame.kind !== "text") return;
    const event = parseEventFrame(frame.text, Date.now());
    if (event) setEvents((all) => [...all.slice(1 - MAX_EVENTS), event]);
  }, []);
  const eventsUrl = provider && accepted && !ready ? providerUrl(provider.hostUri, `${leasePath({ dseq: lease.dseq, gseq: lease.gseq, oseq: lease.oseq })}/kubeevents?follow=true`) : null;
  useProviderSocket({ url: eventsUrl, providerAddress: lease.provider, scope: EVENT_SCOPE }, onFrame);

  const { refetch } = status;
  const { getAuth } = session;
  /** Starts over from the status check; `renew` first signs a fresh credential for the step that failed. */
  const retry = useCallback(
    async (renew: boolean) => {
      setRenewError(null);
      if (renew && provider) {
        try {
          await getAuth(provider.owner, manifest.isError ? ["send-manifest"] : ["status"], { renew: true });
        } catch (error) {
          setRenewError(rolloutError(error));
          return;
        }
      }
      setProgress({ attempt: 0, lastError: null });
      // A manifest the provider accepted is not sent again (for an extension wallet, another signature), unless the
      // status read now says the provider no longer has the lease.
      if (!manifest.isSuccess) resetManifest();
      const read = await refetch();
      if (manifest.isSuccess && read.isSuccess && !read.data) resetManifest();
    },
    [provider, getAuth, manifest.isError, manifest.isSuccess, resetManifest, refetch],
  );

  const rollout: LeaseRollout = {
    key: `${lease.gseq}/${lease.oseq}/${lease.provider}`,
    lease,
    provider,
    step: furthestStep(accepted ? "manifest" : null, stepOfStatus(status.data), ...events.map((e) => stepOfEvent(e.reason))),
    attempt: progress.attempt,
    uris: leaseUris(status.data),
    endpoints: tcpEndpoints(status.data, hints),
    events,
    ...rolloutState({
      provider: known === undefined ? undefined : (known?.owner ?? null),
      leaseProvider: lease.provider,
      ready,
      canSend: Boolean(session.client) && (hasManifest || accepted),
      renewError,
      manifest: manifest.isError ? { failed: rolloutError(manifest.error) } : manifest.isPending ? { sending: progress.lastError } : null,
      statusError: status.error && (halted || accepted) ? { error: rolloutError(status.error), final: halted } : null,
    }),
  };
  return { rollout, retry };
}

const EVENT_SCOPE: ProviderScope[] = ["events"];
