/**
 * Test tokens where a step needs them (the account page, the review's "you need more ACT"): only on networks with a
 * faucet. The balance refreshes when the faucet's transaction is in a block.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { getErrorMessage } from "@/lib/errors";
import { requestFaucetCredit } from "@/lib/wallet/faucet";
import { accountKeys } from "@/shared/chain-data/keys";
import { useNetwork } from "@/shared/network";

export function useFaucetCredit(address: string | undefined) {
  const { network } = useNetwork();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => requestFaucetCredit(network.faucetUrl, address!, network.denoms.fee),
    onSuccess: async () => {
      toast.success("Faucet sent AKT", { description: "Your balance updates with the next block." });
      await queryClient.invalidateQueries({ queryKey: accountKeys.all(network.id, address!) });
    },
    onError: (error) => toast.error("Faucet request failed", { description: getErrorMessage(error) }),
  });
}

/** Nothing on networks without a faucet (mainnet): the caller says how else to get AKT. */
export function FaucetButton({ address, size, variant = "secondary", label = "Get AKT from the faucet" }: { address: string; size?: "sm"; variant?: "primary" | "secondary"; label?: string }) {
  const { network } = useNetwork();
  const faucet = useFaucetCredit(address);
  if (!network.faucetUrl) return null;
  return (
    <Button size={size} variant={variant} onClick={() => faucet.mutate()} loading={faucet.isPending} disabled={faucet.isPending}>
      {label}
    </Button>
  );
}
