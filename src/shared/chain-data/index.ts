export { accountKeys, bidKeys, chainKeys, deploymentKeys, escrowKeys, grantKeys, leaseKeys, marketKeys, providerKeys, recordKeys, sdlKeys } from "./keys";
export { blockTimingQuery, useBlockTime, useBlockTiming, useLatestHeight } from "./blocks";
export { BlockHeight } from "./block-height";
export { useDeployment, useDeployments, useLeases, useLeasesWithProvider, useMinDeposit } from "./deployments";
export { useAuditedProviders, useAuditList, useProvider, useProviderAudits, useProviderList } from "./providers";
export { useBalances, useMintQuote, useRecentTxs, useRefreshOnNewBlock } from "./account";
export { useMarketSnapshot, type MarketSnapshot } from "./market";
export { useDeploymentNames, useDeploymentNamesOf, useDeploymentRecord, useDeploymentRecords } from "./records";
export { useDepositGrantsGiven, useDepositGrantsReceived, useFeeAllowancesGiven, useFeeAllowancesReceived } from "./grants";
