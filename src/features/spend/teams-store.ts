/** Teams kept in this browser (validated on read: storage can be edited by hand). */
import { useCallback, useSyncExternalStore } from "react";
import { parseTeam, type Team } from "@/lib/spend/teams";
import { globalKey, readJson, subscribeStorage, writeJson } from "@/shared/network";
import { forgetAlertRecord, moveAlertRecord, teamScope } from "./alert-store";

const KEY = globalKey("spend-teams");

function readTeams(): Team[] {
  const raw = readJson<unknown[]>(KEY);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((t) => {
    const parsed = parseTeam(t);
    return parsed.ok ? [parsed.value] : [];
  });
}

let cache: { text: string | null; teams: Team[] } = { text: null, teams: [] };
function snapshot(): Team[] {
  const text = localStorage.getItem(KEY);
  if (text !== cache.text) cache = { text, teams: readTeams() };
  return cache.teams;
}

export function useTeams() {
  const teams = useSyncExternalStore(subscribeStorage, snapshot, () => []);
  /**
   * Adds or replaces (by name) a team. `previousName`: the team was renamed; it replaces the old entry, and its alert
   * rules and history move to the new name.
   */
  const saveTeam = useCallback((team: Team, previousName?: string) => {
    writeJson(KEY, [...snapshot().filter((t) => t.name !== team.name && t.name !== previousName), team]);
    if (previousName !== undefined) moveAlertRecord(teamScope(previousName), teamScope(team.name));
  }, []);
  /** Removes a team, with its alert rules and history. */
  const removeTeam = useCallback((name: string) => {
    writeJson(KEY, snapshot().filter((t) => t.name !== name));
    forgetAlertRecord(teamScope(name));
  }, []);
  return { teams, saveTeam, removeTeam };
}
