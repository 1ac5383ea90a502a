/** Create, edit, import, export and share a team (a named set of watched addresses with an optional budget). */
import { useState } from "react";
import { exportTeamJson, importTeamJson, parseTeam, teamLink, type Team } from "@/lib/spend/teams";
import { displayToBase } from "@/lib/format/coins";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { downloadText } from "./download";

export function TeamEditor({ initial, onSave, onCancel }: { initial?: Team; onSave: (team: Team) => void; onCancel: () => void }) {
  const [name, setName] = useState(initial?.name ?? "");
  const [members, setMembers] = useState(initial?.members.map((m) => (m.label ? `${m.address} ${m.label}` : m.address)).join("\n") ?? "");
  const [budget, setBudget] = useState(initial?.budget ? (Number(initial.budget.monthly) / 1e6).toString() : "");
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    let monthly: string | undefined;
    if (budget.trim()) {
      const parsed = displayToBase(budget, 6);
      if (!parsed.ok) return setError(`Budget: ${parsed.error}`);
      monthly = parsed.base.toString();
    }
    const lines = members.split("\n").map((l) => l.trim()).filter(Boolean);
    const result = parseTeam({
      version: 2,
      name,
      members: lines.map((l) => {
        const [address = "", ...label] = l.split(/\s+/);
        return { address, label: label.join(" ") };
      }),
      ...(monthly ? { budget: { denom: "uact", monthly } } : {}),
    });
    if (!result.ok) return setError(result.error);
    setError(null);
    onSave(result.value);
  };

  return (
    <div className="flex flex-col gap-3">
      <TextField label="Team name" value={name} onChange={(e) => setName(e.target.value)} />
      <TextAreaField label="Addresses" hint="One akash1… address per line, optionally followed by a label. Watch-only: no keys needed." rows={4} value={members} onChange={(e) => setMembers(e.target.value)} />
      <TextField label="Monthly budget (ACT, optional)" inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} />
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button onClick={save}>Save team</Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

export function TeamActions({ team, onImport }: { team: Team | null; onImport: (team: Team) => void }) {
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const result = importTeamJson(await file.text());
    if (result.ok) {
      onImport(result.value);
      setMessage({ tone: "success", text: `Imported team "${result.value.name}"` });
    } else setMessage({ tone: "danger", text: `Not imported: ${result.error}` });
  };
  const share = async () => {
    if (!team) return;
    const link = teamLink(team, `${window.location.origin}/spend`);
    try {
      await navigator.clipboard.writeText(link);
      setMessage({ tone: "success", text: "Share link copied" });
    } catch {
      setMessage({ tone: "success", text: link });
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <label className="inline-flex cursor-pointer items-center rounded-lg border border-border px-3 py-1.5 text-sm hover:bg-surface-2">
          Import JSON
          <input type="file" accept="application/json,.json" className="sr-only" onChange={(e) => void importFile(e.target.files?.[0])} />
        </label>
        <Button size="sm" variant="secondary" disabled={!team} onClick={() => team && downloadText(`${team.name.replace(/[^\w.-]+/g, "-")}.team.json`, exportTeamJson(team), "application/json")}>
          Export JSON
        </Button>
        <Button size="sm" variant="secondary" disabled={!team} onClick={() => void share()}>
          Copy share link
        </Button>
      </div>
      {message && (
        <p role="status" className={message.tone === "danger" ? "text-sm text-danger" : "text-sm text-muted"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
