import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useNetwork, useTrustedAuditors } from "@/shared/network";

const ADDRESS = /^akash1[0-9a-z]{38}$/;

/** Who may vouch for providers on this network: "audited" badges and "accept cheapest audited" use this list. */
export function TrustedAuditorsSection() {
  const { network } = useNetwork();
  const { builtIn, added, add, remove } = useTrustedAuditors();
  const [address, setAddress] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = address.trim();
    if (!ADDRESS.test(trimmed)) return setError("Enter an akash1… account address");
    if (Object.hasOwn(builtIn, trimmed)) return setError("Already trusted on this network");
    add(trimmed, name.trim() || trimmed);
    setAddress("");
    setName("");
    setError(null);
  }

  const rows = [...Object.entries(builtIn).map(([a, n]) => ({ address: a, name: n, own: false })), ...Object.entries(added).filter(([a]) => !Object.hasOwn(builtIn, a)).map(([a, n]) => ({ address: a, name: n, own: true }))];
  return (
    <Card labelledBy="auditors-title">
      <CardHeader
        id="auditors-title"
        title="Trusted auditors"
        description={`Anyone can sign provider attributes on chain. On ${network.label}, a provider shows as audited, and "Accept cheapest audited" picks it, only when one of these auditors signed it.`}
      />
      <CardBody className="flex flex-col gap-3">
        {rows.length === 0 ? (
          <p className="text-sm text-muted">No auditor is trusted on {network.label}: no provider shows as audited here until you add one.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-border rounded-lg border border-border" aria-label="Trusted auditors">
            {rows.map((row) => (
              <li key={row.address} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm">
                <span className="font-medium">{row.name}</span>
                <span className="min-w-0 flex-1 font-mono text-xs break-all text-muted">{row.address}</span>
                {row.own ? (
                  <Button size="sm" variant="secondary" onClick={() => remove(row.address)} aria-label={`Stop trusting ${row.name}`}>
                    Remove
                  </Button>
                ) : (
                  <span className="text-xs text-muted">this network's auditor</span>
                )}
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-start" noValidate aria-label="Add a trusted auditor">
          <TextField label="Auditor address" value={address} onChange={(e) => setAddress(e.target.value)} error={error ?? undefined} placeholder="akash1…" spellCheck={false} autoComplete="off" />
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Who this is" autoComplete="off" />
          <Button type="submit" className="sm:mt-6">
            Trust auditor
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
