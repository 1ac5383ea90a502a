import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getLatestBlock } from "@/lib/chain/blocks";
import { prepareManifest } from "@/lib/deployment/manifest";
import { buildCreateDeploymentMsg } from "@/lib/deployment/messages";
import { deploymentKeys } from "@/shared/chain-data";
import { feeAllowanceReader } from "@/shared/chain-data/grants";
import { useNetwork } from "@/shared/network";
import type { ConnectedWallet } from "@/shared/wallet";

/**
 * The network fee of the create-deployment transaction, simulated on the node exactly as the signing
 * step will (same message, dseq = latest height). The wallet dialog re-simulates right before signing.
 */
export function useCreateFeeEstimate(args: { wallet: ConnectedWallet | null; sdl: string; deposit: bigint | null; enabled: boolean; fromGrant?: boolean }) {
  const { wallet, sdl, deposit, enabled, fromGrant = false } = args;
  const { network } = useNetwork();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: deploymentKeys.createFee(network.id, wallet?.address ?? "", sdl, deposit?.toString() ?? "", fromGrant),
    enabled: enabled && Boolean(wallet) && deposit !== null,
    staleTime: 30_000,
    retry: false,
    queryFn: async () => {
      const prepared = await prepareManifest(sdl, { requireUact: network.denoms.compute === "uact" });
      if (!prepared.ok) throw new Error(prepared.error);
      const { height } = await getLatestBlock(network.restUrl);
      const message = buildCreateDeploymentMsg({ owner: wallet!.address, dseq: String(height), prepared: prepared.value, deposit: { denom: network.denoms.compute, amount: deposit! }, sources: fromGrant ? ["grant", "balance"] : ["balance"] });
      const [{ TxClient }, { withFeeAllowance }] = await Promise.all([import("@/lib/tx/signing"), import("@/lib/tx/fee-granter")]);
      const client = await TxClient.connect({ address: wallet!.address, signer: wallet!.signer }, { rpcUrl: network.rpcUrl, chainId: network.chainId });
      try {
        // The same choice the wallet makes at signing, from the same cached allowances: one that covers it pays.
        const { fee } = await withFeeAllowance(await client.prepare([message]), feeAllowanceReader(queryClient, network, wallet!.address));
        return fee;
      } finally {
        client.disconnect();
      }
    },
  });
}
