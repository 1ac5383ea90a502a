import { useCallback, useEffect, useRef, useState } from "react";
import { useNetwork } from "@/shared/network";
import { ProviderWebSocketSession, type ProviderProxyError, type ProviderScope, type SessionClose, type SessionFrame, type SessionState } from "@/lib/provider-proxy";
import { useProviderAuth } from "./provider-auth";

export interface SocketTarget {
  /** Full provider URL of the socket endpoint; null to stay disconnected. */
  url: string | null;
  providerAddress: string;
  scope: ProviderScope[];
  /** Bumped to force a fresh connection (e.g. "Reconnect" after the provider closed). */
  generation?: number;
}

/** One live provider socket for a component: reconnects by itself, reports state, close and errors. */
export function useProviderSocket(target: SocketTarget, onFrame: (frame: SessionFrame) => void) {
  const { network } = useNetwork();
  const { getAuth } = useProviderAuth();
  const [state, setState] = useState<SessionState>("idle");
  const [close, setClose] = useState<SessionClose | null>(null);
  const [error, setError] = useState<ProviderProxyError | null>(null);
  const sessionRef = useRef<ProviderWebSocketSession | null>(null);
  const frameRef = useRef(onFrame);
  const authRef = useRef(getAuth);
  useEffect(() => {
    frameRef.current = onFrame;
    authRef.current = getAuth;
  });
  const scopeKey = target.scope.join(",");

  useEffect(() => {
    if (!target.url || !network.proxyUrl) return;
    const scope = scopeKey.split(",") as ProviderScope[];
    const session = new ProviderWebSocketSession({
      proxyUrl: network.proxyUrl,
      network: network.proxyNetwork,
      url: target.url,
      providerAddress: target.providerAddress,
      auth: ({ renew }) => authRef.current(target.providerAddress, scope, { renew }),
      // A provider that drops mid-stream (1006) or restarts (1001/1011/4002 unavailable) is retried.
      reconnectOnClose: (c) => c.code === 1006 || c.code === 1001 || c.code === 1011 || c.code === 4002,
    });
    sessionRef.current = session;
    const offs = [
      session.onFrame((f) => frameRef.current(f)),
      session.onState((s) => {
        setState(s);
        if (s === "connecting") setClose(null);
        if (s === "connecting" || s === "open") setError(null);
      }),
      session.onClose((c) => setClose(c)),
      session.onError((e) => setError(e)),
    ];
    session.connect();
    return () => {
      offs.forEach((off) => off());
      session.close();
      if (sessionRef.current === session) sessionRef.current = null;
    };
  }, [target.url, target.providerAddress, scopeKey, target.generation, network.proxyUrl, network.proxyNetwork]);

  const send = useCallback((data: Uint8Array | string) => sessionRef.current?.send(data), []);
  return { state, close, error, send };
}
