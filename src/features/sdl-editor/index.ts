export { DeployEditorPage } from "./DeployEditorPage";
export { DeployEditorPage as default } from "./DeployEditorPage";
