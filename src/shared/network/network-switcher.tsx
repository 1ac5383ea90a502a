import { useNavigate } from "react-router";
import { NETWORK_IDS, type NetworkId } from "@/lib/networks/networks";
import { useNetwork } from "./network-context";

const LABELS: Record<NetworkId, string> = { devnet: "Devnet", sandbox: "Akash Sandbox", mainnet: "Akash Mainnet", custom: "Custom" };

export function NetworkSwitcher() {
  const { network, networks, selectNetwork } = useNetwork();
  const navigate = useNavigate();
  return (
    <select
      aria-label="Network"
      value={network.id}
      onChange={(event) => {
        const id = event.target.value as NetworkId;
        if (id === "custom" && !networks.custom) {
          navigate("/settings#custom-network");
          return;
        }
        selectNetwork(id);
      }}
      className="h-8 max-w-[11rem] min-w-0 rounded-lg max-sm:max-w-[7.5rem] border border-border bg-surface px-2 text-sm font-medium text-fg"
    >
      {NETWORK_IDS.map((id) => (
        <option key={id} value={id}>
          {id === "custom" && !networks.custom ? "Custom…" : LABELS[id]}
        </option>
      ))}
    </select>
  );
}
