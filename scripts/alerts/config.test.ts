import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exportTeamJson } from "../../src/lib/spend/teams.ts";
import { parseAlertsConfig } from "./config.ts";

const ALICE = "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5";
const BOB = "akash15cpkukv6gft3kjg603vyr9zlgtm84zd9eltyxx";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alerts-config-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
const base = { network: { restUrl: "http://127.0.0.1:1317" }, webhooks: [{ url: "http://127.0.0.1:9/hook" }] };

write("with-rules.team.json", exportTeamJson({ version: 2, name: "Ops", members: [{ address: ALICE, label: "a" }, { address: BOB, label: "" }], budget: { denom: "uact", monthly: "7000000" }, rules: { escrowHoursBelow: 2, leaseClosed: false } }));
write("v1.team.json", JSON.stringify({ version: 1, name: "Old", members: [{ address: BOB, label: "" }] }));

describe("alerts config", () => {
  it("takes the rules (and the budget) from a team file exported with them", () => {
    const config = parseAlertsConfig({ ...base, team: "with-rules.team.json" }, dir);
    expect(config.addresses).toEqual([ALICE, BOB]);
    expect(config.rules).toEqual({ escrowHoursBelow: 2, leaseClosed: false, monthlyBudget: { denom: "uact", amount: "7000000" } });
  });

  it("rules in the config win over the team file's", () => {
    const config = parseAlertsConfig({ ...base, team: "with-rules.team.json", addresses: [BOB], rules: { walletBelow: { denom: "uakt", amount: "1" }, monthlyBudget: { denom: "uact", amount: "5" } } }, dir);
    expect(config.addresses).toEqual([BOB, ALICE]);
    expect(config.rules).toEqual({ walletBelow: { denom: "uakt", amount: "1" }, monthlyBudget: { denom: "uact", amount: "5" }, leaseClosed: true });
  });

  it("says what is missing when neither the config nor the team file has rules", () => {
    expect(() => parseAlertsConfig({ ...base, addresses: [ALICE] }, dir)).toThrow(/rules: Give rules, or a team file that has them/);
    expect(() => parseAlertsConfig({ ...base, team: "v1.team.json" }, dir)).toThrow(/no rules: .*export the team v1\.team\.json again/);
    expect(parseAlertsConfig({ ...base, team: "v1.team.json", rules: { escrowHoursBelow: 1 } }, dir).rules).toEqual({ escrowHoursBelow: 1, leaseClosed: true });
  });
});
