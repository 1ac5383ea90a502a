import { describe, expect, it } from "vitest";
import { exportTeamJson, importTeamJson, isAkashAddress, parseTeam, teamFromLink, teamLink, teamLinkFragment, type Team } from "./teams";

const ALICE = "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5";
const BOB = "akash15cpkukv6gft3kjg603vyr9zlgtm84zd9eltyxx";
const team: Team = {
  version: 2,
  name: "Infra",
  members: [{ address: ALICE, label: "alice" }, { address: BOB, label: "" }],
  budget: { denom: "uact", monthly: "250000000" },
  rules: { escrowHoursBelow: 6, walletBelow: { denom: "uakt", amount: "5000000" }, leaseClosed: false },
  deploymentLabels: [
    { network: "mainnet", owner: BOB, dseq: "21530301", label: "bob's api" },
    { network: "devnet", owner: ALICE, dseq: "42", label: "web, staging" },
  ],
};

describe("teams", () => {
  it("validates addresses by bech32 checksum and prefix", () => {
    expect(isAkashAddress(ALICE)).toBe(true);
    expect(isAkashAddress(ALICE.slice(0, -1) + "6")).toBe(false);
    expect(isAkashAddress("cosmos1d83kheazgmu2xw0m72ge97gvr3hkrqgpgwjnm7")).toBe(false);
    expect(isAkashAddress(ALICE.toUpperCase())).toBe(false);
  });

  it("round-trips budget, rules and deployment labels through JSON and through a link", () => {
    expect(importTeamJson(exportTeamJson(team))).toEqual({ ok: true, value: team });
    expect(JSON.parse(exportTeamJson(team))).toMatchObject({ version: 2, rules: { escrowHoursBelow: 6, leaseClosed: false }, deploymentLabels: team.deploymentLabels });
    const link = teamLink(team, "https://console.example/spend?x=1");
    expect(link.startsWith("https://console.example/spend?x=1#team=")).toBe(true);
    expect(teamFromLink(link)).toEqual({ ok: true, value: team });
  });

  it("imports a version 1 file or link (no rules, no labels) as version 2", () => {
    const v1 = { version: 1, name: "Old", members: [{ address: ALICE, label: "alice" }], budget: { denom: "uact", monthly: "1000000" } };
    const expected: Team = { ...v1, version: 2, budget: { denom: "uact", monthly: "1000000" }, deploymentLabels: [] };
    expect(importTeamJson(JSON.stringify(v1, null, 2))).toEqual({ ok: true, value: expected });
    // A link made by the version that wrote version 1: base64url of its compact JSON.
    const oldLink = `https://x/spend#team=${Buffer.from(JSON.stringify(v1)).toString("base64url")}`;
    expect(teamFromLink(oldLink)).toEqual({ ok: true, value: expected });
    expect(parseTeam({ ...v1, rules: { escrowHoursBelow: 2 } })).toEqual({ ok: true, value: expected });
    expect(parseTeam({ ...v1, version: 3 })).toMatchObject({ ok: false, error: expect.stringContaining("version") });
  });

  it("keeps the link short: defaults are left out, a typical team fits well under 2,000 characters", () => {
    const plain: Team = { version: 2, name: "Two", members: [{ address: ALICE, label: "" }, { address: BOB, label: "" }], deploymentLabels: [] };
    const decoded = JSON.parse(Buffer.from(teamLinkFragment(plain).slice("team=".length), "base64url").toString("utf8"));
    expect(decoded).toEqual({ version: 2, name: "Two", members: [{ address: ALICE }, { address: BOB }] });
    expect(teamFromLink(teamLinkFragment(plain))).toEqual({ ok: true, value: plain });
    // Two members, a budget, rules and two named deployments: about 800 characters.
    expect(teamLink(team, "https://console.example/spend").length).toBeLessThan(1000);
  });

  it("rejects bad input with the field that is wrong", () => {
    expect(importTeamJson("{")).toEqual({ ok: false, error: "Not JSON" });
    const dup = parseTeam({ ...team, members: [{ address: ALICE }, { address: ALICE }] });
    expect(dup).toMatchObject({ ok: false, error: expect.stringContaining("listed twice") });
    expect(parseTeam({ ...team, members: [{ address: "akash1nope" }] })).toMatchObject({ ok: false, error: expect.stringContaining("members.0.address") });
    expect(parseTeam({ ...team, budget: { denom: "uact", monthly: "1.5" } })).toMatchObject({ ok: false, error: expect.stringContaining("budget.monthly") });
    expect(parseTeam({ ...team, rules: { escrowHoursBelow: -1 } })).toMatchObject({ ok: false, error: expect.stringContaining("rules.escrowHoursBelow") });
    expect(parseTeam({ ...team, rules: { escrowHoursBelow: 1, sendEmailTo: "x" } })).toMatchObject({ ok: false, error: expect.stringContaining("rules") });
    const label = team.deploymentLabels[0]!;
    expect(parseTeam({ ...team, deploymentLabels: [{ ...label, network: "testnet" }] })).toMatchObject({ ok: false, error: expect.stringContaining("deploymentLabels.0.network") });
    expect(parseTeam({ ...team, deploymentLabels: [{ ...label, dseq: "12; DROP" }] })).toMatchObject({ ok: false, error: expect.stringContaining("deploymentLabels.0.dseq") });
    expect(parseTeam({ ...team, deploymentLabels: [{ ...label, label: "x".repeat(81) }] })).toMatchObject({ ok: false, error: expect.stringContaining("deploymentLabels.0.label") });
    expect(parseTeam({ ...team, deploymentLabels: [label, { ...label, label: "again" }] })).toMatchObject({ ok: false, error: expect.stringContaining("labelled twice") });
    expect(parseTeam({ ...team, deploymentLabels: Array.from({ length: 501 }, (_, i) => ({ ...label, dseq: String(i) })) })).toMatchObject({ ok: false, error: expect.stringContaining("At most 500") });
    expect(teamFromLink("https://x/spend#team=%%%")).toMatchObject({ ok: false });
    expect(teamFromLink("https://x/spend")).toEqual({ ok: false, error: "The link has no team in it" });
  });
});
