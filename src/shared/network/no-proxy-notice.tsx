import { Alert } from "@/components/ui/alert";
import { useNetwork } from "./network-context";

/**
 * What a network without a provider proxy cannot do, and how to fix it. Browsers cannot reach providers
 * directly: providers serve self-signed certificates that only a proxy can check against the chain.
 * `pending`: a lease exists whose manifest could not be sent (the auction page), so say what is at stake.
 */
export function NoProxyNotice({ pending = false }: { pending?: boolean }) {
  const { network } = useNetwork();
  return (
    <Alert tone="warn" title={`No provider proxy for ${network.label}`}>
      {pending
        ? "Your lease is on chain and paid for, but the manifest (what to run) has not been sent: that, lease status, logs, events and the shell go to the provider through a provider proxy, and this network has none configured. "
        : "Lease status, logs, events and the shell reach providers through a provider proxy, and this network has none configured. "}
      To fix it, run a provider proxy for this network (<code>npm run proxy</code> with <code>PROXY_CHAIN_REST</code> set to its REST node) and give its URL in Settings → {network.id === "custom" ? "Custom network" : "Provider proxy"}.{" "}
      {pending ? "Or close the deployment to get the deposit back." : "Everything on chain (escrow, top up, update, close) still works."}
    </Alert>
  );
}
