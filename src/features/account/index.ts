export { BalancesCard } from "./balances-card";
