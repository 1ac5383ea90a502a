/**
 * A lease URI as a link. Providers report URIs (usually bare host names) in lease status; anything they send is
 * untrusted, so only http(s) becomes a link: `javascript:`, `data:` and the like never reach an `href`.
 */
export function leaseUriHref(uri: string): string | null {
  const trimmed = uri.trim();
  if (!trimmed) return null;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^/:]+:\d+(\/|$)/.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(candidate);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (!url.hostname || url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}
