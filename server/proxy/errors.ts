/**
 * Every failure the proxy itself produces has a stable machine-readable code (sent in the
 * `x-proxy-error` header and in WebSocket error messages) and a message a user can act on.
 * Responses without `x-proxy-error` come from the provider unchanged.
 */
export type ProxyErrorCode =
  | "invalidRequest"
  | "insecureUrl"
  | "ipLiteralUrl"
  | "providerNotFound"
  | "hostMismatch"
  | "privateNetwork"
  | "ambiguousAuth"
  | "invalidJwt"
  | "tokenExpired"
  | "invalidClientCertificate"
  | "payloadTooLarge"
  | "rateLimited"
  | "invalidCertificate"
  | "insecureConnection"
  | "providerUnavailable"
  | "providerTimeout"
  | "providerRedirect"
  | "unsupportedMediaType"
  | "originNotAllowed"
  | "chainUnavailable"
  | "notFound"
  | "internal";

const STATUS_BY_CODE: Record<ProxyErrorCode, number> = {
  invalidRequest: 400,
  insecureUrl: 400,
  ipLiteralUrl: 400,
  providerNotFound: 400,
  hostMismatch: 403,
  privateNetwork: 403,
  ambiguousAuth: 400,
  invalidJwt: 400,
  tokenExpired: 401,
  invalidClientCertificate: 400,
  payloadTooLarge: 413,
  rateLimited: 429,
  // https://http.dev/495 "SSL Certificate Error", as the console's provider-proxy uses it.
  invalidCertificate: 495,
  insecureConnection: 400,
  providerUnavailable: 503,
  providerTimeout: 504,
  // A provider answering with a redirect: never followed nor passed on (it could send the browser elsewhere).
  providerRedirect: 502,
  unsupportedMediaType: 415,
  originNotAllowed: 403,
  chainUnavailable: 502,
  notFound: 404,
  internal: 500,
};

export class ProxyError extends Error {
  readonly status: number;

  constructor(
    readonly code: ProxyErrorCode,
    message: string,
    /** Extra detail for `invalidCertificate` (e.g. "fingerprintMismatch"). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = "ProxyError";
    this.status = STATUS_BY_CODE[code];
  }
}

export function isProxyError(error: unknown): error is ProxyError {
  return error instanceof ProxyError;
}
