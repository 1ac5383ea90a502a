// @vitest-environment jsdom
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { parseTeam, type Team } from "@/lib/spend/teams";
import { emptyRecord } from "./alert-record";
import { readAlertRecord, teamScope, writeAlertRecord } from "./alert-store";
import { useTeams } from "./teams-store";

const team = (name: string): Team => {
  const parsed = parseTeam({ version: 1, name, members: [{ address: "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5", label: "ops" }] });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

function mountTeams() {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  let store: ReturnType<typeof useTeams> | undefined;
  function Probe() {
    store = useTeams();
    return null;
  }
  const root = createRoot(document.createElement("div"));
  act(() => root.render(<Probe />));
  return { store: () => store!, unmount: () => act(() => root.unmount()) };
}

describe("teams in this browser", () => {
  afterEach(() => localStorage.clear());

  it("a rename replaces the team in one write and moves its alert rules and history; a removal takes them along", () => {
    const view = mountTeams();
    const record = { ...emptyRecord(), watchedFromHeight: 42 };
    act(() => view.store().saveTeam(team("Ops")));
    writeAlertRecord(teamScope("Ops"), record);

    act(() => view.store().saveTeam(team("Platform"), "Ops"));
    expect(view.store().teams.map((t) => t.name)).toEqual(["Platform"]);
    expect(readAlertRecord(teamScope("Platform"))).toEqual(record);
    expect(readAlertRecord(teamScope("Ops"))).toEqual(emptyRecord());

    act(() => view.store().removeTeam("Platform"));
    expect(view.store().teams).toEqual([]);
    expect(localStorage.length).toBe(1); // the (empty) team list; no alert record left behind
    view.unmount();
  });
});
