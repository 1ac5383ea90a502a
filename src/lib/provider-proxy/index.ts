export { ProviderProxyClient, providerUrl, leasePath, proxyWebSocketUrl, type LeaseStatus, type ProviderProxyClientOptions } from "./client";
export { ProviderProxyError, isProviderProxyError, classifyHttpError, extractMessage, manifestHint, type ProviderErrorKind } from "./errors";
export {
  ProviderWebSocketSession,
  type SessionState,
  type SessionFrame,
  type SessionClose,
  type ProviderWebSocketOptions,
  type WebSocketLike,
  type WebSocketFactory,
} from "./websocket-session";
export { ProviderJwtCache, jwtExpiry, type JwtRequest, type JwtSigner, type ProviderScope } from "./jwt";
export type { ProviderAuth, ProviderRequest, ProviderResponse, HttpMethod, LeaseCoordinates } from "./types";
