/**
 * Teams: a named set of addresses (watch-only; no keys) whose spend is watched together, with an optional monthly
 * budget, its alert rules and the names its deployments go by. Exported and imported as JSON and shared as a link;
 * everything read back is validated, since a file or a link is untrusted input.
 *
 * Versions: 1 had name, members and budget; 2 adds `rules` (lib/spend/alerts) and `deploymentLabels`. A version 1
 * file or link still imports (read as version 2 without rules or labels); everything written is version 2.
 */
import { z } from "zod";
import { fromBase64, fromBech32, fromUtf8, toBase64, toUtf8 } from "@cosmjs/encoding";
import { NETWORK_IDS, type NetworkId } from "../networks/networks";
import { alertRulesSchema } from "./alerts";

/** A bech32 account address with the `akash` prefix (20-byte accounts, 32-byte module/contract accounts). */
export function isAkashAddress(address: string): boolean {
  try {
    const { prefix, data } = fromBech32(address);
    return prefix === "akash" && (data.length === 20 || data.length === 32) && address === address.toLowerCase();
  } catch {
    return false;
  }
}

const address = z.string().trim().refine(isAkashAddress, { message: "Not an akash1… address" });
const microAmount = z.string().trim().regex(/^\d{1,30}$/, "Whole micro-units (digits only)");

/** Longest name a deployment can be given (a table cell, not an essay). */
export const DEPLOYMENT_LABEL_MAX = 80;
/** Bounds a file or link (and what one import writes to storage). */
export const DEPLOYMENT_LABELS_MAX = 500;

/** A name for a deployment on one network (dseqs are per network: the same owner/dseq elsewhere is another deployment). */
export const deploymentLabelSchema = z.strictObject({
  network: z.enum(NETWORK_IDS as [NetworkId, ...NetworkId[]]),
  owner: address,
  dseq: z.string().trim().regex(/^\d{1,20}$/, "A dseq is digits"),
  label: z.string().trim().min(1, "A label cannot be empty").max(DEPLOYMENT_LABEL_MAX),
});
export type DeploymentLabel = z.output<typeof deploymentLabelSchema>;

const teamFields = {
  name: z.string().trim().min(1, "A team needs a name").max(80),
  members: z
    .array(z.object({ address, label: z.string().trim().max(80).default("") }))
    .min(1, "A team needs at least one address")
    .max(50, "At most 50 addresses")
    .refine((m) => new Set(m.map((x) => x.address)).size === m.length, { message: "An address is listed twice" }),
  /** Monthly budget in whole micro-units of `denom`. */
  budget: z.object({ denom: z.enum(["uact", "uakt"]), monthly: microAmount }).optional(),
};

const teamV1 = z.object({ version: z.literal(1), ...teamFields });
const teamV2 = z.object({
  version: z.literal(2),
  ...teamFields,
  /** The team's alert rules (the dashboard's alert centre and `npm run alerts` both read them). */
  rules: alertRulesSchema.optional(),
  deploymentLabels: z
    .array(deploymentLabelSchema)
    .max(DEPLOYMENT_LABELS_MAX, `At most ${DEPLOYMENT_LABELS_MAX} deployment labels`)
    .refine((l) => new Set(l.map((x) => `${x.network}/${x.owner}/${x.dseq}`)).size === l.length, { message: "A deployment is labelled twice" })
    .default([]),
});

export const teamSchema = z.discriminatedUnion("version", [teamV1, teamV2]).transform((t): z.output<typeof teamV2> => (t.version === 1 ? { ...t, version: 2, deploymentLabels: [] } : t));

export type Team = z.output<typeof teamSchema>;
export type TeamInput = z.input<typeof teamSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "team"}: ${i.message}`).join("; ");
}

export function parseTeam(raw: unknown): ParseResult<Team> {
  const parsed = teamSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: issues(parsed.error) };
}

export function exportTeamJson(team: TeamInput): string {
  return `${JSON.stringify(teamSchema.parse(team), null, 2)}\n`;
}

export function importTeamJson(text: string): ParseResult<Team> {
  if (text.length > 100_000) return { ok: false, error: "The file is too large for a team (over 100 kB)" };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: "Not JSON" };
  }
  return parseTeam(raw);
}

const TEAM_PARAM = "team";

/** The team as the link carries it: what parsing fills in by default (empty labels and lists) left out, to keep it short. */
function compactTeam(team: Team): unknown {
  const { deploymentLabels, members, ...rest } = team;
  return {
    ...rest,
    members: members.map((m) => (m.label ? m : { address: m.address })),
    ...(deploymentLabels.length ? { deploymentLabels } : {}),
  };
}

/** base64url of the team's JSON, as the fragment `#team=…` (a fragment never reaches a server). */
export function teamLinkFragment(team: TeamInput): string {
  const b64 = toBase64(toUtf8(JSON.stringify(compactTeam(teamSchema.parse(team)))));
  return `${TEAM_PARAM}=${b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
}

export function teamLink(team: TeamInput, pageUrl: string): string {
  const url = new URL(pageUrl);
  url.hash = teamLinkFragment(team);
  return url.toString();
}

/** The team in a link (or its fragment); an error says what is wrong. */
export function teamFromLink(linkOrFragment: string): ParseResult<Team> {
  const hash = linkOrFragment.includes("#") ? linkOrFragment.slice(linkOrFragment.indexOf("#") + 1) : linkOrFragment;
  const value = new URLSearchParams(hash).get(TEAM_PARAM);
  if (!value) return { ok: false, error: "The link has no team in it" };
  if (value.length > 140_000 || !/^[A-Za-z0-9_-]+$/.test(value)) return { ok: false, error: "The link's team is not valid base64url" };
  let text: string;
  try {
    const b64 = value.replace(/-/g, "+").replace(/_/g, "/");
    text = fromUtf8(fromBase64(b64 + "=".repeat((4 - (b64.length % 4)) % 4)));
  } catch {
    return { ok: false, error: "The link's team is not valid base64url" };
  }
  return importTeamJson(text);
}
