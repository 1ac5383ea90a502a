export { SettingsCertificatesSection } from "./settings-certificates-section";
export { useProviderCredentials, type ProviderCredentials, type MtlsAuth } from "./provider-credentials";
export { useCertificates } from "./use-certificates";
