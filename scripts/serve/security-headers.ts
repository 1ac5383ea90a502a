/**
 * Headers the built app is served with (`npm start`, the e2e server, benchmarks; copy them when self-hosting).
 *
 * The CSP goes on the HTML document only: a dedicated worker's policy comes from its own script response, and
 * monaco-yaml's schema validator compiles JSON schemas with `new Function` inside its worker. The page itself
 * runs only its own scripts, may connect to any node, proxy or faucet the user configures, and cannot be framed
 * (the signing dialogs must never sit under someone else's page).
 */
export const DOCUMENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  // React and Monaco set inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  // Networks are user-configurable (custom nodes, proxies): any http(s)/ws(s) endpoint.
  "connect-src 'self' http: https: ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** On every response. */
export const COMMON_SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

/** On HTML documents. */
export const DOCUMENT_SECURITY_HEADERS: Record<string, string> = {
  ...COMMON_SECURITY_HEADERS,
  "content-security-policy": DOCUMENT_CSP,
  // For browsers without CSP frame-ancestors.
  "x-frame-options": "DENY",
};
