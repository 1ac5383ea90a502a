import { describe, expect, it } from "vitest";
import { alertRulesSchema } from "@/lib/spend/alerts";
import { exportTeamJson, importTeamJson, teamFromLink, teamLinkFragment, type Team } from "@/lib/spend/teams";
import { storedTeam, teamForExport } from "./team-transfer";

const ALICE = "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5";

describe("team transfer", () => {
  const saved: Team = { version: 2, name: "Ops", members: [{ address: ALICE, label: "alice" }], budget: { denom: "uact", monthly: "9000000" }, deploymentLabels: [] };
  const rules = alertRulesSchema.parse({ escrowHoursBelow: 3, spendPerHourAbove: { denom: "uact", amount: "100" } });
  const labels = [{ network: "devnet" as const, owner: ALICE, dseq: "5", label: "web" }];

  it("the file and the link carry the team's current rules and names; imported, they come back the same", () => {
    const exported = teamForExport(saved, rules, labels);
    expect(exported).toEqual({ ...saved, rules, deploymentLabels: labels });
    expect(importTeamJson(exportTeamJson(exported))).toEqual({ ok: true, value: exported });
    expect(teamFromLink(teamLinkFragment(exported))).toEqual({ ok: true, value: exported });
  });

  it("the saved team keeps neither rules nor labels (they live where they are edited)", () => {
    const stored = storedTeam({ ...saved, rules, deploymentLabels: labels });
    expect(stored).toEqual(saved);
    expect("rules" in stored).toBe(false);
  });
});
