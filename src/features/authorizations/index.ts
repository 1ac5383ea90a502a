export { TeamGrantUsage } from "./team-grant-usage";
