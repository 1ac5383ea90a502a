/** Teams kept in this browser (validated on read: storage can be edited by hand). */
import { useCallback, useSyncExternalStore } from "react";
import { parseTeam, type Team } from "@/lib/spend/teams";
import { globalKey, readJson, subscribeStorage, writeJson } from "@/shared/network";

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
  /** Adds or replaces (by name) a team. */
  const saveTeam = useCallback((team: Team) => writeJson(KEY, [...snapshot().filter((t) => t.name !== team.name), team]), []);
  const removeTeam = useCallback((name: string) => writeJson(KEY, snapshot().filter((t) => t.name !== name)), []);
  return { teams, saveTeam, removeTeam };
}
