export { closeDeploymentsMutation, closeMoves, closeTitle, useCloseDeployments, type CloseRequest } from "./close-deployments";
export { invalidate, useMutationDeps, type MutationDeps } from "./mutation-deps";
export { bidsPath, excludedProviders, redeployPath, type RedeployRequest } from "./redeploy";
export { mintActMutation, uaktForAct, useMintAct, type MintActRequest } from "./mint-act";
