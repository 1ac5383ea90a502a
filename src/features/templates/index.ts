export { TemplateGalleryPage } from "./template-gallery-page";
export { TemplateDetailPage } from "./template-detail-page";
export { TemplateGalleryPage as default } from "./template-gallery-page";
export { BUILTIN_TEMPLATES, findBuiltinTemplate } from "./builtin";
export { useTemplate } from "./hooks";
export type { Template } from "./model";
