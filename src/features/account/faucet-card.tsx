import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { requestFaucetCredit } from "@/lib/wallet/faucet";
import type { NetworkConfig } from "@/lib/networks/networks";
import { accountKeys } from "@/shared/chain-data";

export function FaucetCard({ network, address }: { network: NetworkConfig; address: string }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => requestFaucetCredit(network.faucetUrl, address, network.denoms.fee),
    onSuccess: async () => {
      toast.success("Faucet sent AKT", { description: "Your balance updates with the next block." });
      await queryClient.invalidateQueries({ queryKey: accountKeys.all(network.id, address) });
    },
    onError: (error) => toast.error("Faucet request failed", { description: error.message }),
  });
  if (!network.faucetUrl) return null;
  return (
    <Card labelledBy="faucet-title">
      <CardHeader id="faucet-title" title="Test tokens" description={`${network.label} has a faucet: get AKT to pay fees and mint ACT.`} actions={
        <Button onClick={() => mutation.mutate()} loading={mutation.isPending}>
          Fund from faucet
        </Button>
      } />
      {mutation.isError && (
        <CardBody>
          <Alert tone="error" title="The faucet did not pay out">
            {mutation.error.message}
          </Alert>
        </CardBody>
      )}
    </Card>
  );
}
