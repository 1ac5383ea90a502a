export { AccountPage } from "./account-page";
export { BalancesCard } from "./balances-card";
export { useRefreshOnNewBlock, useBalances, accountKeys } from "./queries";
