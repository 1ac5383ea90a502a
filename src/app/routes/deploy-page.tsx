import { useSearchParams } from "react-router";
import { DeployEditorPage } from "@/features/sdl-editor";
import { DeployAction } from "@/features/deploy";
import { useTemplate } from "@/features/templates";
import { useDeploymentRecord } from "@/shared/chain-data";
import { useWallet } from "@/shared/wallet";

/**
 * The editor with the deploy flow's review step composed in, starting from the template named by `?template=`, or
 * from a deployment's saved SDL with `?redeploy=<dseq>` (Redeploy, and "close and redeploy to another provider").
 */
export default function DeployPage() {
  const [params] = useSearchParams();
  const { wallet, status } = useWallet();
  const redeploy = params.get("redeploy") ?? undefined;
  const templateId = redeploy ? undefined : (params.get("template") ?? undefined);
  const template = useTemplate(templateId);
  const record = useDeploymentRecord(wallet?.address, redeploy ?? "");
  let requested;
  if (redeploy) {
    const saved = record.data;
    // Its own draft ("redeploy-42"), so the SDL being redeployed never overwrites another draft.
    requested = {
      id: `redeploy-${redeploy}`,
      loading: status === "connecting" || (Boolean(wallet) && record.isPending),
      template: saved ? { name: saved.name || `Deployment ${redeploy}`, sdl: saved.sdl } : undefined,
      error: !wallet ? new Error("connect the wallet that owns it to read its saved SDL") : record.error,
    };
  } else if (templateId) {
    requested = { id: templateId, loading: template.isLoading, template: template.data, error: template.error };
  }
  return <DeployEditorPage requested={requested} renderDeployAction={(state) => <DeployAction {...state} />} />;
}
