import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useNetwork } from "@/shared/network";

/** Which provider proxy a built-in network uses: the one it ships with, or the user's own (e.g. a team's). */
export function ProviderProxySection() {
  const { network, defaults, setProxyOverride } = useNetwork();
  const builtin = network.id === "custom" ? null : network.id;
  const shipped = builtin ? defaults[builtin] : null;
  const overridden = Boolean(shipped && (shipped.proxyUrl !== network.proxyUrl || shipped.proxyNetwork !== network.proxyNetwork));
  const [url, setUrl] = useState(network.proxyUrl);
  const [name, setName] = useState(network.proxyNetwork);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!builtin) return;
    const trimmed = url.trim().replace(/\/+$/, "");
    const parsed = URL.canParse(trimmed) ? new URL(trimmed) : null;
    if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) return setError("Enter a full http:// or https:// URL");
    if (!/^[a-z0-9-]{0,64}$/.test(name.trim())) return setError("The network name is lower-case letters, digits and '-'");
    setError(null);
    setProxyOverride(builtin, { proxyUrl: trimmed, proxyNetwork: name.trim() });
  }

  return (
    <Card labelledBy="proxy-title">
      <CardHeader
        id="proxy-title"
        title="Provider proxy"
        description="Browsers cannot talk to providers directly (their certificates are self-signed and checked against the chain), so lease status, logs, the shell and manifests go through a provider proxy."
      />
      <CardBody className="flex flex-col gap-3 text-sm">
        {!builtin || !shipped ? (
          <p className="text-muted">The custom network's proxy is set with its URLs above.</p>
        ) : (
          <>
            <p>
              {network.label} uses <span className="font-mono break-all">{network.proxyUrl || "no proxy"}</span>
              {network.proxyNetwork ? <> as network “{network.proxyNetwork}”</> : null}
              {overridden ? " (yours)" : " (built in)"}.
            </p>
            <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-start" noValidate aria-label="Use another provider proxy">
              <TextField label="Proxy URL" value={url} onChange={(e) => setUrl(e.target.value)} error={error ?? undefined} placeholder="https://proxy.example.com" spellCheck={false} autoComplete="off" />
              <TextField label="Network name at that proxy" value={name} onChange={(e) => setName(e.target.value)} hint="Empty: the proxy's default" spellCheck={false} autoComplete="off" />
              <Button type="submit" className="sm:mt-6">
                Use this proxy
              </Button>
            </form>
            {overridden && (
              <div>
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    setProxyOverride(builtin, null);
                    setUrl(shipped.proxyUrl);
                    setName(shipped.proxyNetwork);
                  }}
                >
                  Back to the built-in proxy ({shipped.proxyUrl || "none"})
                </Button>
              </div>
            )}
          </>
        )}
      </CardBody>
    </Card>
  );
}
