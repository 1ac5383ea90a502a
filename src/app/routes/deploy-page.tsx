import { DeployEditorPage } from "@/features/sdl-editor";
import { DeployAction } from "@/features/deploy";

/** The editor with the deploy flow's review step composed in. */
export default function DeployPage() {
  return <DeployEditorPage renderDeployAction={(state) => <DeployAction {...state} />} />;
}
