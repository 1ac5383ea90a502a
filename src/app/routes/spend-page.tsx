/** The spend dashboard, with the grant usage of the watched addresses composed in from the authorizations feature. */
import { TeamGrantUsage } from "@/features/authorizations";
import SpendPage from "@/features/spend/spend-page";

export default function SpendRoute() {
  return <SpendPage renderExtra={(addresses) => <TeamGrantUsage addresses={addresses} />} />;
}
