/**
 * What travels with a team in its file or link, and where it lands on import. In this browser a team's rules live in
 * its alert record (alert-store.ts, edited in the alert centre) and deployment labels in their own store, so the saved
 * team keeps neither: the export gathers them, the import puts them back in their places.
 */
import type { AlertRules } from "@/lib/spend/alerts";
import type { DeploymentLabel, Team } from "@/lib/spend/teams";
import { readAlertRecord, teamScope, writeAlertRecord } from "./alert-store";
import { importDeploymentLabels } from "./deployment-labels-store";

/** The team as kept in the teams store: rules and labels are kept where they are edited. */
export function storedTeam(team: Team): Team {
  const { rules: _rules, ...rest } = team;
  return { ...rest, deploymentLabels: [] };
}

/** The team with its current rules and its deployments' names, for the JSON file and the share link. */
export function teamForExport(team: Team, rules: AlertRules, deploymentLabels: DeploymentLabel[]): Team {
  return { ...storedTeam(team), rules, deploymentLabels };
}

/** Saves an imported team: the team itself, its rules (replacing the team's) and its deployment labels. */
export function adoptTeam(team: Team, saveTeam: (team: Team) => void): void {
  saveTeam(storedTeam(team));
  if (team.rules) {
    const scope = teamScope(team.name);
    writeAlertRecord(scope, { ...readAlertRecord(scope), rules: team.rules });
  }
  importDeploymentLabels(team.deploymentLabels);
}
