import { useEffect, useId, useRef, useState, type ReactNode } from "react";

const inputClass = "w-full rounded border border-border bg-surface px-2 py-1 text-sm text-fg focus:border-blue-500 focus:outline-none";

/** A text input that edits locally and commits on blur or Enter, so typing "0." never round-trips through YAML. */
export function TextField({ label, value, onCommit, placeholder, type = "text", testId, width }: { label: string; value: string; onCommit: (v: string) => void; placeholder?: string; type?: "text" | "password"; testId?: string; width?: string }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(value);
  }, [value]);
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return (
    <label htmlFor={id} className={`flex flex-col gap-0.5 text-xs text-muted ${width ?? ""}`}>
      {label}
      <input
        id={id}
        type={type}
        className={inputClass}
        value={draft}
        placeholder={placeholder}
        data-testid={testId}
        onFocus={() => (focused.current = true)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          focused.current = false;
          commit();
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
        }}
      />
    </label>
  );
}

/** One item per line (command, args, env, hosts, auditors). */
export function LinesField({ label, value, onCommit, placeholder, testId }: { label: string; value: string[]; onCommit: (v: string[]) => void; placeholder?: string; testId?: string }) {
  const id = useId();
  const joined = value.join("\n");
  const [draft, setDraft] = useState(joined);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(joined);
  }, [joined]);
  return (
    <label htmlFor={id} className="flex flex-col gap-0.5 text-xs text-muted">
      {label}
      <textarea
        id={id}
        className={`${inputClass} font-mono`}
        rows={Math.min(8, Math.max(2, value.length + 1))}
        value={draft}
        placeholder={placeholder}
        data-testid={testId}
        onFocus={() => (focused.current = true)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          focused.current = false;
          const lines = draft.split("\n").filter((l) => l.trim() !== "");
          if (lines.join("\n") !== joined) onCommit(lines);
        }}
      />
    </label>
  );
}

export function SelectField({ label, value, options, onCommit, testId }: { label: string; value: string; options: string[]; onCommit: (v: string) => void; testId?: string }) {
  const id = useId();
  const all = options.includes(value) ? options : [value, ...options];
  return (
    <label htmlFor={id} className="flex flex-col gap-0.5 text-xs text-muted">
      {label}
      <select id={id} className={inputClass} value={value} data-testid={testId} onChange={(e) => onCommit(e.target.value)}>
        {all.map((o) => (
          <option key={o} value={o}>
            {o || "—"}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CheckField({ label, checked, onCommit, testId }: { label: string; checked: boolean; onCommit: (v: boolean) => void; testId?: string }) {
  return (
    <label className="flex items-center gap-2 text-xs text-fg">
      <input type="checkbox" checked={checked} data-testid={testId} onChange={(e) => onCommit(e.target.checked)} />
      {label}
    </label>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <fieldset className="space-y-2 rounded border border-border p-3">
      <legend className="flex items-center gap-2 px-1 text-xs font-semibold uppercase tracking-wide text-muted">
        {title}
        {actions}
      </legend>
      {children}
    </fieldset>
  );
}

export function SmallButton({ children, onClick, danger, testId }: { children: ReactNode; onClick: () => void; danger?: boolean; testId?: string }) {
  return (
    <button type="button" data-testid={testId} onClick={onClick} className={`rounded border px-2 py-0.5 text-xs normal-case ${danger ? "border-red-300 text-red-700 hover:bg-red-50" : "border-border text-fg hover:bg-surface-2"}`}>
      {children}
    </button>
  );
}
