export { BalancesCard } from "./balances-card";
export { useRefreshOnNewBlock, useBalances, accountKeys } from "./queries";
