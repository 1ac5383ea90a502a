import { useQuery } from "@tanstack/react-query";
import { getLatestBlock } from "@/lib/chain/blocks";
import { prepareManifest } from "@/lib/deployment/manifest";
import { buildCreateDeploymentMsg } from "@/lib/deployment/messages";
import { deploymentKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import type { ConnectedWallet } from "@/shared/wallet";

/**
 * The network fee of the create-deployment transaction, simulated on the node exactly as the signing
 * step will (same message, dseq = latest height). The wallet dialog re-simulates right before signing.
 */
export function useCreateFeeEstimate(args: { wallet: ConnectedWallet | null; sdl: string; deposit: bigint | null; enabled: boolean }) {
  const { wallet, sdl, deposit, enabled } = args;
  const { network } = useNetwork();
  return useQuery({
    queryKey: deploymentKeys.createFee(network.id, wallet?.address ?? "", sdl, deposit?.toString() ?? ""),
    enabled: enabled && Boolean(wallet) && deposit !== null,
    staleTime: 30_000,
    retry: false,
    queryFn: async () => {
      const prepared = await prepareManifest(sdl, { requireUact: network.denoms.compute === "uact" });
      if (!prepared.ok) throw new Error(prepared.error);
      const { height } = await getLatestBlock(network.restUrl);
      const message = buildCreateDeploymentMsg({ owner: wallet!.address, dseq: String(height), prepared: prepared.value, deposit: { denom: network.denoms.compute, amount: deposit! } });
      const { TxClient } = await import("@/lib/tx/signing");
      const client = await TxClient.connect({ address: wallet!.address, signer: wallet!.signer }, { rpcUrl: network.rpcUrl, chainId: network.chainId });
      try {
        const { fee } = await client.prepare([message]);
        return fee;
      } finally {
        client.disconnect();
      }
    },
  });
}
