import { useSearchParams } from "react-router";
import { DeployEditorPage } from "@/features/sdl-editor";
import { DeployAction } from "@/features/deploy";
import { useTemplate } from "@/features/templates";

/** The editor with the deploy flow's review step composed in, starting from the template named by `?template=`. */
export default function DeployPage() {
  const [params] = useSearchParams();
  const templateId = params.get("template") ?? undefined;
  const template = useTemplate(templateId);
  const requested = templateId ? { id: templateId, loading: template.isLoading, template: template.data, error: template.error } : undefined;
  return <DeployEditorPage requested={requested} renderDeployAction={(state) => <DeployAction {...state} />} />;
}
