/** The SDL editor Deploy and a deployment's Update tab share: Monaco + form builder on one text, validated in a worker. */
export { SdlWorkbench, ToolbarButton } from "./sdl-workbench";
export { SdlStatus, sdlStatusText } from "./sdl-status";
export { useSdlText, type SdlTextController } from "./use-sdl-text";
export { useSdlValidation, type SdlValidationState } from "./use-sdl-validation";
export type { SdlEditorHandle } from "./sdl-monaco-editor";
