export { TemplateGalleryPage } from "./TemplateGalleryPage";
export { TemplateDetailPage } from "./TemplateDetailPage";
export { TemplateGalleryPage as default } from "./TemplateGalleryPage";
export { BUILTIN_TEMPLATES, findBuiltinTemplate } from "./builtin";
export { useTemplate } from "./hooks";
export type { Template } from "./model";
