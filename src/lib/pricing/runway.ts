/** How long escrow lasts, graded and written for people. */
export type Runway = "none" | "ok" | "low" | "critical" | "empty";

/** How worried to be: under a day is low, under an hour critical. */
export function runwayLevel(secondsLeft: number | null): Runway {
  if (secondsLeft === null) return "none";
  if (secondsLeft <= 0) return "empty";
  if (secondsLeft < 3600) return "critical";
  if (secondsLeft < 86_400) return "low";
  return "ok";
}

/** "3 d 4 h", "2 h 5 min", "40 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "—";
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d >= 365) return `${Math.floor(d / 365)} y ${Math.floor((d % 365) / 30)} mo`;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}
