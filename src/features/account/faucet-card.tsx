import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { getErrorMessage } from "@/lib/errors";
import type { NetworkConfig } from "@/lib/networks/networks";
import { useFaucetCredit } from "@/shared/wallet";

export function FaucetCard({ network, address }: { network: NetworkConfig; address: string }) {
  const mutation = useFaucetCredit(address);
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
            {getErrorMessage(mutation.error)}
          </Alert>
        </CardBody>
      )}
    </Card>
  );
}
