/**
 * "Download" on the Logs tab: the whole log of a lease (not only what the capped view holds), read over a
 * one-shot provider socket (`follow=false`) and saved as a text file.
 */
import { useMutation } from "@tanstack/react-query";
import type { Lease } from "@/lib/chain/market";
import { leasePath, ProviderWebSocketSession, providerUrl } from "@/lib/provider-proxy";
import { useNetwork } from "@/shared/network";
import { useProviderAuth } from "@/shared/provider-session";
import { parseLogFrame } from "./log-buffer";

/** The provider closes after the backlog; this long without a line also means it is done. */
export const LOG_DOWNLOAD_IDLE_MS = 3000;

export type LogSession = Pick<ProviderWebSocketSession, "onFrame" | "onClose" | "onState" | "connect" | "close" | "lastError">;

/** Every line the session sends until the provider closes it or it goes quiet, as `[pod] message`. */
export function collectLogLines(session: LogSession, idleMs = LOG_DOWNLOAD_IDLE_MS): Promise<string[]> {
  const lines: string[] = [];
  return new Promise<string[]>((resolve, reject) => {
    let idle: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(idle);
      resolve(lines);
    };
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(done, idleMs);
    };
    session.onFrame((f) => {
      if (f.kind !== "text") return;
      const { pod, message } = parseLogFrame(f.text);
      lines.push(pod ? `[${pod}] ${message}` : message);
      arm();
    });
    session.onClose(done);
    session.onState((s) => {
      if (s === "open") arm();
      if (s === "failed") {
        clearTimeout(idle);
        reject(session.lastError ?? new Error("The log download failed"));
      }
    });
    session.connect();
  }).finally(() => session.close());
}

export function logFileName(lease: Pick<Lease, "dseq" | "gseq" | "oseq">, service: string): string {
  return `deployment-${lease.dseq}-${lease.gseq}-${lease.oseq}${service ? `-${service}` : ""}-logs.txt`;
}

function saveText(text: string, fileName: string): void {
  const href = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

/** Downloads the log of `lease` (one service, or all with ""); resolves with the number of lines saved. */
export function useLogDownload(lease: Lease, hostUri: string | undefined) {
  const { network } = useNetwork();
  const { getAuth } = useProviderAuth();
  return useMutation({
    mutationFn: async (service: string) => {
      if (!hostUri) throw new Error("The provider's address is not known yet.");
      const session = new ProviderWebSocketSession({
        proxyUrl: network.proxyUrl,
        network: network.proxyNetwork,
        url: providerUrl(hostUri, `${leasePath(lease)}/logs?follow=false&tail=10000000${service ? `&service=${encodeURIComponent(service)}` : ""}`),
        providerAddress: lease.provider,
        auth: ({ renew }) => getAuth(lease.provider, ["logs"], { renew }),
        maxReconnects: 0,
      });
      const lines = await collectLogLines(session);
      saveText(lines.join("\n") + (lines.length ? "\n" : ""), logFileName(lease, service));
      return lines.length;
    },
  });
}
