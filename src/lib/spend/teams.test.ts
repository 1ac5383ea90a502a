import { describe, expect, it } from "vitest";
import { exportTeamJson, importTeamJson, isAkashAddress, parseTeam, teamFromLink, teamLink, type Team } from "./teams";

const ALICE = "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5";
const BOB = "akash15cpkukv6gft3kjg603vyr9zlgtm84zd9eltyxx";
const team: Team = { version: 1, name: "Infra", members: [{ address: ALICE, label: "alice" }, { address: BOB, label: "" }], budget: { denom: "uact", monthly: "250000000" } };

describe("teams", () => {
  it("validates addresses by bech32 checksum and prefix", () => {
    expect(isAkashAddress(ALICE)).toBe(true);
    expect(isAkashAddress(ALICE.slice(0, -1) + "6")).toBe(false);
    expect(isAkashAddress("cosmos1d83kheazgmu2xw0m72ge97gvr3hkrqgpgwjnm7")).toBe(false);
    expect(isAkashAddress(ALICE.toUpperCase())).toBe(false);
  });

  it("round-trips through JSON and through a link", () => {
    expect(importTeamJson(exportTeamJson(team))).toEqual({ ok: true, value: team });
    const link = teamLink(team, "https://console.example/spend?x=1");
    expect(link.startsWith("https://console.example/spend?x=1#team=")).toBe(true);
    expect(teamFromLink(link)).toEqual({ ok: true, value: team });
  });

  it("rejects bad input with the field that is wrong", () => {
    expect(importTeamJson("{")).toEqual({ ok: false, error: "Not JSON" });
    const dup = parseTeam({ ...team, members: [{ address: ALICE }, { address: ALICE }] });
    expect(dup).toMatchObject({ ok: false, error: expect.stringContaining("listed twice") });
    expect(parseTeam({ ...team, members: [{ address: "akash1nope" }] })).toMatchObject({ ok: false, error: expect.stringContaining("members.0.address") });
    expect(parseTeam({ ...team, budget: { denom: "uact", monthly: "1.5" } })).toMatchObject({ ok: false, error: expect.stringContaining("budget.monthly") });
    expect(teamFromLink("https://x/spend#team=%%%")).toMatchObject({ ok: false });
    expect(teamFromLink("https://x/spend")).toEqual({ ok: false, error: "The link has no team in it" });
  });
});
