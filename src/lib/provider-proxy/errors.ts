/**
 * Classifies failures of a provider call made through the proxy. The proxy marks its own failures with
 * `x-proxy-error: <code>` (see server/proxy/README.md, same contract as the Akash console's provider-proxy);
 * anything else is the provider's own answer.
 */
import { getErrorMessage } from "../errors";
export type ProviderErrorKind =
  /** The provider did not answer (down, refusing, or the browser could not reach the proxy). */
  | "offline"
  /** The provider's TLS certificate is not its on-chain certificate. */
  | "certificateInvalid"
  /** Our client credential (mTLS certificate) is invalid, expired or revoked. */
  | "credentialInvalid"
  /** The JWT expired; create a new one and retry. */
  | "tokenExpired"
  /** The provider refused our credential (401/403 from the provider). */
  | "unauthorized"
  /** The provider rejected the manifest; `providerMessage` says why. */
  | "manifestRejected"
  /** The provider does not (yet) know the lease/deployment (404). */
  | "notFound"
  | "timeout"
  | "rateLimited"
  /** The proxy could not reach the chain to verify the provider. */
  | "chainUnavailable"
  /** The proxy refused the request itself (bad URL, host mismatch, unknown provider …). */
  | "rejectedByProxy"
  /** Any other provider error status. */
  | "providerError"
  /** A 2xx answer whose body was not what we expected. */
  | "invalidResponse";

export class ProviderProxyError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly details: {
      status?: number;
      /** The proxy's `x-proxy-error` code, when the proxy produced the error. */
      proxyCode?: string;
      /** The provider's own message (e.g. why it rejected a manifest). */
      providerMessage?: string;
      /** What the user can do about it. */
      hint?: string;
    } = {},
  ) {
    super(message);
    this.name = "ProviderProxyError";
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** Whether retrying the same request later may succeed. */
  get retryable(): boolean {
    return this.kind === "offline" || this.kind === "timeout" || this.kind === "rateLimited" || this.kind === "chainUnavailable" || this.kind === "notFound";
  }
}

export function isProviderProxyError(error: unknown): error is ProviderProxyError {
  return error instanceof ProviderProxyError;
}

/** Extracts a readable message from a provider/proxy body: JSON `{message}`/`{error}` or plain text. */
export function extractMessage(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return "";
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed && typeof parsed === "object") {
      const record = parsed as Record<string, unknown>;
      for (const key of ["message", "error"]) if (typeof record[key] === "string") return record[key];
    }
    if (typeof parsed === "string") return parsed;
  } catch {
    // plain text
  }
  return trimmed.length > 2000 ? `${trimmed.slice(0, 2000)}…` : trimmed;
}

const MANIFEST_REJECTION = /manifest cross-validation error|hostname not allowed|validation failed|manifest decode error|invalid manifest/i;

/** Turns a non-2xx proxy answer into a classified error. `isManifest` marks a `PUT …/manifest` call. */
export function classifyHttpError(status: number, proxyCode: string | null, text: string, options: { isManifest?: boolean; origin?: string } = {}): ProviderProxyError {
  const message = extractMessage(text);
  const where = options.origin ? `The provider at ${options.origin}` : "The provider";
  if (proxyCode) {
    const details = { status, proxyCode, providerMessage: message };
    switch (proxyCode) {
      case "providerUnavailable":
        return new ProviderProxyError("offline", `${where} is offline or unreachable.`, { ...details, hint: "Try again in a moment; if it stays offline, choose another provider." });
      case "providerTimeout":
        return new ProviderProxyError("timeout", `${where} did not answer in time.`, { ...details, hint: "Try again; the provider may be overloaded." });
      case "invalidCertificate":
        return new ProviderProxyError("certificateInvalid", `${where} presented a certificate that does not match its on-chain certificate (${message}).`, {
          ...details,
          hint: "Do not send it data; choose another provider or try later.",
        });
      case "tokenExpired":
        return new ProviderProxyError("tokenExpired", "Your provider access token expired.", { ...details, hint: "Renew the token and retry." });
      case "invalidJwt":
        return new ProviderProxyError("credentialInvalid", `Your provider access token is invalid: ${message}`, { ...details, hint: "Renew the token and retry." });
      case "invalidClientCertificate":
        return new ProviderProxyError("credentialInvalid", `Your client certificate is not valid: ${message}`, { ...details, hint: "Create a new certificate in Settings → Certificates." });
      case "rateLimited":
        return new ProviderProxyError("rateLimited", "Too many requests to the provider proxy.", { ...details, hint: "Wait a few seconds and retry." });
      case "providerRedirect":
        return new ProviderProxyError("rejectedByProxy", `${where} answered with a redirect, which the proxy does not follow; nothing was sent on.`, {
          ...details,
          hint: "Providers do not redirect API calls; treat this provider as misbehaving and choose another.",
        });
      case "chainUnavailable":
        return new ProviderProxyError("chainUnavailable", "The provider proxy cannot reach the chain to verify the provider.", { ...details, hint: "Check the network status and retry." });
      default:
        return new ProviderProxyError("rejectedByProxy", message || `The provider proxy refused the request (${proxyCode}).`, details);
    }
  }
  const details = { status, providerMessage: message };
  if ((options.isManifest && (status === 400 || status === 422)) || (status === 400 && MANIFEST_REJECTION.test(message)) || (status >= 400 && MANIFEST_REJECTION.test(message) && options.isManifest)) {
    return new ProviderProxyError("manifestRejected", `The provider rejected the manifest: ${message || `HTTP ${status}`}`, {
      ...details,
      hint: manifestHint(message),
    });
  }
  if (status === 401 || status === 403) {
    if (/expired/i.test(message)) return new ProviderProxyError("tokenExpired", `The provider says your credential expired: ${message}`, { ...details, hint: "Renew it and retry." });
    return new ProviderProxyError("unauthorized", `The provider refused your credential: ${message || `HTTP ${status}`}`, {
      ...details,
      hint: "Renew your access token, or create a valid certificate in Settings → Certificates.",
    });
  }
  if (status === 404) return new ProviderProxyError("notFound", message || "Not found on the provider.", details);
  if (status === 502 || status === 503) return new ProviderProxyError("offline", `${where} is temporarily unavailable (${message || status}).`, details);
  if (status === 504) return new ProviderProxyError("timeout", `${where} did not answer in time.`, details);
  return new ProviderProxyError("providerError", `${where} answered ${status}${message ? `: ${message}` : ""}`, details);
}

/** What to change when a provider rejects a manifest, from the provider's message. */
export function manifestHint(message: string): string {
  if (/version validation failed/i.test(message)) return "The manifest no longer matches the deployment's on-chain version. Update the deployment with this SDL (or re-open the SDL it was created with) and send again.";
  if (/hostname not allowed/i.test(message)) return "One of the `accept` hostnames is not allowed by this provider (or is used by another deployment). Remove or change it in the SDL's `expose.accept`.";
  if (/cross-validation/i.test(message)) return "The manifest does not match the lease's resources. Make sure the SDL is the one the deployment was created with.";
  if (/decode/i.test(message)) return "The manifest could not be decoded. Re-create it from a valid SDL.";
  return "Fix the SDL as the provider's message says, update the deployment, and send the manifest again.";
}

/** A failure to reach the proxy at all (fetch threw). */
export function networkError(error: unknown, proxyUrl: string): ProviderProxyError {
  if (error instanceof DOMException && error.name === "TimeoutError") return new ProviderProxyError("timeout", "The provider proxy did not answer in time.");
  const detail = getErrorMessage(error);
  return new ProviderProxyError("offline", `The provider proxy at ${proxyUrl} is unreachable (${detail}).`, { hint: "Check your connection and the network's proxy URL in Settings." });
}
