export { ProvidersPage } from "./providers-page";
export { ProviderDetailPage } from "./provider-detail-page";
