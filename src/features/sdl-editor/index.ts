export { DeployEditorPage } from "./deploy-editor-page";
export { DeployEditorPage as default } from "./deploy-editor-page";
export type { DeployEditorPageProps, EditorTemplate, RequestedTemplate } from "./deploy-editor-page";
/** The editor's saved text per template (`draftKey(templateId)`), for flows that continue from the editor. */
export { draftKey, loadDraft } from "./drafts";
