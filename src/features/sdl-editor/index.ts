export { DeployEditorPage } from "./DeployEditorPage";
export { DeployEditorPage as default } from "./DeployEditorPage";
export type { DeployEditorPageProps } from "./DeployEditorPage";
/** The editor's saved text per template (`draftKey(templateId)`), for flows that continue from the editor. */
export { draftKey, loadDraft } from "./drafts";
