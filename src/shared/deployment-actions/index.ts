export { closeDeploymentsMutation, closeTitle, useCloseDeployments, type CloseRequest } from "./close-deployments";
export { invalidate, useMutationDeps, type MutationDeps } from "./mutation-deps";
