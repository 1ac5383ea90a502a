export { useProviderSession, type ProviderSession } from "./session";
export { useProviderAuth, MissingCredentialError, type AuthGetter, type ProviderAuthApi } from "./provider-auth";
export { needsCredentialAction, useLeaseStatus } from "./lease-status";
export { classifyLiveFailure, useProviderStatus, useProviderStatuses, useProviderVersion, type LiveFailure } from "./provider-status";
export { useProviderSocket, type SocketTarget } from "./provider-socket";
