import { useEffect, useState, type FormEvent } from "react";
import { useLocation } from "react-router";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Page } from "@/components/ui/page";
import { clearNetworkData, useNetwork, useNodeHealth } from "@/shared/network";
import { customNetworkSchema, NETWORK_IDS, type NetworkId } from "@/lib/networks/networks";
import { cn } from "@/components/ui/cn";
import { useTheme, type ThemePreference } from "./theme";
import { SettingsCertificatesSection } from "@/shared/certificates";
import { ProviderProxySection } from "./provider-proxy-section";
import { TrustedAuditorsSection } from "./trusted-auditors-section";

export function SettingsPage() {
  const location = useLocation();
  const { network } = useNetwork();
  useEffect(() => {
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [location.hash]);
  return (
    <Page title="Settings" description="Network, appearance and the data this browser keeps.">
      <NetworkSection />
      <CustomNetworkSection />
      <ProviderProxySection key={network.id} />
      <SettingsCertificatesSection />
      <TrustedAuditorsSection />
      <AppearanceSection />
      <LocalDataSection />
    </Page>
  );
}

function NetworkSection() {
  const { network, networks, selectNetwork, runtimeConfigError } = useNetwork();
  const { health } = useNodeHealth();
  return (
    <Card labelledBy="network-title">
      <CardHeader id="network-title" title="Network" description="Switching clears cached chain data. Each network keeps its own wallets and local data." />
      <CardBody className="flex flex-col gap-3">
        {runtimeConfigError && (
          <Alert tone="warn" title="config.json was ignored">
            {runtimeConfigError}
          </Alert>
        )}
        {/* min-w-0: a fieldset is min-content wide by default, so a long URL would widen the page on a phone. */}
        <fieldset className="flex min-w-0 flex-col gap-2">
          <legend className="sr-only">Network</legend>
          {NETWORK_IDS.map((id: NetworkId) => {
            const entry = networks[id];
            const selected = network.id === id;
            return (
              <label key={id} className={cn("flex cursor-pointer items-start gap-3 rounded-lg border px-4 py-3", selected ? "border-brand bg-brand/5" : "border-border hover:bg-surface-2", !entry && "cursor-not-allowed opacity-60")}>
                <input type="radio" name="network" className="mt-1 accent-[var(--brand)]" checked={selected} disabled={!entry} onChange={() => selectNetwork(id)} />
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-medium">
                    {entry?.label ?? "Custom"} {entry?.chainId && <span className="font-normal text-muted">· {entry.chainId}</span>}
                  </span>
                  <span className="block truncate font-mono text-xs text-muted">{entry ? `${entry.rpcUrl} · ${entry.restUrl}` : "Set the URLs below first"}</span>
                  {selected && health && (
                    <span className={cn("mt-1 block text-xs", health.state === "ok" ? "text-ok" : "text-danger")}>{health.state === "ok" ? `Healthy, block ${health.height}` : health.message}</span>
                  )}
                </span>
              </label>
            );
          })}
        </fieldset>
      </CardBody>
    </Card>
  );
}

function CustomNetworkSection() {
  const { customSettings, saveCustomNetwork } = useNetwork();
  const [values, setValues] = useState({ rpcUrl: customSettings?.rpcUrl ?? "", restUrl: customSettings?.restUrl ?? "", proxyUrl: customSettings?.proxyUrl ?? "", chainId: customSettings?.chainId ?? "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [checking, setChecking] = useState(false);
  const [probe, setProbe] = useState<{ tone: "success" | "error" | "warn"; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = customNetworkSchema.safeParse(values);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
      setErrors(fieldErrors);
      return;
    }
    setErrors({});
    setChecking(true);
    setProbe(null);
    try {
      const { checkNodeHealth } = await import("@/lib/chain/health");
      const health = await checkNodeHealth({ chainId: parsed.data.chainId, rpcUrl: parsed.data.rpcUrl, restUrl: parsed.data.restUrl, blockTimeMs: 6000 });
      if (health.state === "down" || health.state === "wrong-chain") {
        setProbe({ tone: "error", text: `${health.message}. Nothing was saved; check the URLs.` });
        return;
      }
      saveCustomNetwork(parsed.data);
      setProbe({ tone: health.state === "ok" ? "success" : "warn", text: health.state === "ok" ? `Connected to ${health.chainId} at block ${health.height}. Custom network selected.` : `Saved and selected, but: ${health.message}` });
      toast.success("Custom network saved");
    } finally {
      setChecking(false);
    }
  }

  const field = (name: keyof typeof values, label: string, hint?: string, placeholder?: string) => (
    <TextField label={label} value={values[name]} onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))} error={errors[name]} hint={hint} placeholder={placeholder} spellCheck={false} autoComplete="off" />
  );

  return (
    <Card labelledBy="custom-network-title">
      <CardHeader id="custom-network-title" title="Custom network" description="Any Akash-compatible node. The URLs are checked before saving." />
      <CardBody>
        <form id="custom-network" onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <div className="grid gap-4 sm:grid-cols-2">
            {field("rpcUrl", "RPC URL", "CometBFT RPC", "https://rpc.example.com:443")}
            {field("restUrl", "REST URL", "Cosmos REST (LCD)", "https://api.example.com:443")}
            {field("proxyUrl", "Provider proxy URL", "Optional", "https://proxy.example.com")}
            {field("chainId", "Expected chain id", "Optional: refuse a node on another chain", "akashnet-2")}
          </div>
          {probe && (
            <Alert tone={probe.tone} title={probe.tone === "error" ? "Node check failed" : undefined}>
              {probe.text}
            </Alert>
          )}
          <div>
            <Button type="submit" loading={checking}>
              Check and use
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

function AppearanceSection() {
  const { preference, setPreference } = useTheme();
  const options: Array<{ value: ThemePreference; label: string }> = [
    { value: "system", label: "System" },
    { value: "light", label: "Light" },
    { value: "dark", label: "Dark" },
  ];
  return (
    <Card labelledBy="appearance-title">
      <CardHeader id="appearance-title" title="Appearance" />
      <CardBody>
        <fieldset className="flex flex-wrap gap-2">
          <legend className="mb-2 text-sm font-medium">Theme</legend>
          {options.map((o) => (
            <label key={o.value} className={cn("flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm", preference === o.value ? "border-brand bg-brand/5" : "border-border")}>
              <input type="radio" name="theme" className="accent-[var(--brand)]" checked={preference === o.value} onChange={() => setPreference(o.value)} />
              {o.label}
            </label>
          ))}
        </fieldset>
      </CardBody>
    </Card>
  );
}

function LocalDataSection() {
  const { network } = useNetwork();
  const [confirming, setConfirming] = useState(false);
  return (
    <Card labelledBy="local-data-title">
      <CardHeader id="local-data-title" title="Local data" description={`Data this browser keeps for ${network.label}: the built-in wallet (encrypted) and the last wallet used.`} />
      <CardBody>
        {confirming ? (
          <Alert
            tone="warn"
            title={`Clear all local data for ${network.label}?`}
            actions={
              <>
                <Button size="sm" variant="secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
                <Button
                  size="sm"
                  variant="danger"
                  onClick={() => {
                    const count = clearNetworkData(network.id);
                    setConfirming(false);
                    toast.success(`Cleared ${count} item${count === 1 ? "" : "s"}. Reloading…`);
                    window.location.reload();
                  }}
                >
                  Clear data
                </Button>
              </>
            }
          >
            A built-in wallet stored here is deleted; without its recovery phrase it cannot be recovered.
          </Alert>
        ) : (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Clear {network.label} data…
          </Button>
        )}
      </CardBody>
    </Card>
  );
}

export default SettingsPage;
