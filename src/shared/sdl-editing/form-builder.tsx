import { useMemo, useState } from "react";
import {
  addSdlService,
  addSdlVolume,
  appendSdlItem,
  coerceScalar,
  deleteSdlValue,
  removeSdlMount,
  removeSdlPort,
  removeSdlService,
  removeSdlVolume,
  setSdlExposeTarget,
  setSdlIpEndpoint,
  setSdlMount,
  setSdlMountReadOnly,
  setSdlValue,
  setSdlVolumeClass,
  type SdlPath,
} from "@/lib/sdl/form";
import { volumesOf } from "@/lib/sdl/references";
import { renameSdlEndpoint, renameSdlPlacement, renameSdlProfile, renameSdlService, renameSdlVolume } from "@/lib/sdl/renames";
import { parseSdlDocument } from "@/lib/sdl/document";
import { CheckField, LinesField, Section, SelectField, SmallButton, TextField } from "./form-fields";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** The form only handles SDLs of a sane size; bigger texts stay in the YAML view. */
export const FORM_MAX_CHARS = 200_000;

interface Props {
  text: string;
  /** Apply a text transformation (an edit through the yaml Document API); errors are shown, not thrown. */
  onEdit: (edit: (text: string) => string) => void;
}

export function FormBuilder({ text, onEdit }: Props) {
  const parsed = useMemo(() => {
    if (text.length > FORM_MAX_CHARS) return { error: `This SDL is ${(text.length / 1000).toFixed(0)} KB; the form handles up to ${FORM_MAX_CHARS / 1000} KB. Edit it in the YAML view.` };
    const { doc } = parseSdlDocument(text);
    if (doc.errors.length) return { error: "The YAML has syntax errors. Fix them in the YAML view (see Problems), then come back to the form." };
    const value = doc.toJS();
    if (value !== null && (typeof value !== "object" || Array.isArray(value))) return { error: "This YAML is not an SDL map. Start from a template or fix it in the YAML view." };
    return { sdl: obj(value) };
  }, [text]);
  const [newService, setNewService] = useState("");

  if ("error" in parsed) return <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="form-unavailable">{parsed.error}</p>;
  const sdl = parsed.sdl;
  const set = (path: SdlPath, value: unknown) => onEdit((t) => setSdlValue(t, path, value));
  const del = (path: SdlPath) => onEdit((t) => deleteSdlValue(t, path));
  const services = Object.keys(obj(sdl.services));

  return (
    <div className="space-y-4" data-testid="form-builder">
      {services.length === 0 && <p className="text-sm text-muted">No services yet. Add one below.</p>}
      {services.map((name) => (
        <ServiceForm key={name} name={name} sdl={sdl} set={set} del={del} onEdit={onEdit} />
      ))}
      <EndpointsForm sdl={sdl} onEdit={onEdit} />
      <div className="flex items-end gap-2">
        <TextField label="New service name" value={newService} onCommit={setNewService} placeholder="e.g. api" testId="new-service-name" />
        <SmallButton
          testId="add-service"
          onClick={() => {
            if (newService) onEdit((t) => addSdlService(t, newService.trim()));
            setNewService("");
          }}
        >
          Add service
        </SmallButton>
      </div>
      <p className="text-xs text-muted">Edits here change only the matching lines of the YAML; comments and keys the form does not show are kept. Renaming a service, profile, placement, volume or endpoint renames every place the SDL refers to it.</p>
    </div>
  );
}

interface ServiceProps {
  name: string;
  sdl: Obj;
  set: (path: SdlPath, value: unknown) => void;
  del: (path: SdlPath) => void;
  onEdit: (edit: (text: string) => string) => void;
}

function ServiceForm({ name, sdl, set, del, onEdit }: ServiceProps) {
  const svc = obj(obj(sdl.services)[name]);
  const sp: SdlPath = ["services", name];
  const deployments = Object.entries(obj(obj(sdl.deployment)[name]));
  const creds = obj(svc.credentials);
  const [showCreds, setShowCreds] = useState(Object.keys(creds).length > 0);
  // Mount settings for volumes none of this service's profiles has (left by an edit in the YAML view): an error until removed.
  const declared = new Set(deployments.flatMap(([, d]) => volumesOf(sdl, str(obj(d).profile)).filter((v) => v.named).map((v) => v.name)));
  const orphans = Object.keys(obj(obj(svc.params).storage)).filter((v) => !declared.has(v));
  // Other services often reach this one by its name (DB_HOST=db); a rename cannot know which env values mean it.
  const hostname = new RegExp(`(^|[=@/:,\\s])${name.replace(/[-]/g, "\\-")}($|[:/.,\\s])`);
  const mentionedBy = Object.entries(obj(sdl.services)).filter(([other, value]) => other !== name && strings(obj(value).env).some((e) => hostname.test(e))).map(([other]) => other);
  return (
    <section className="space-y-3 rounded-lg border border-border p-3" data-testid={`service-form-${name}`}>
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">Service “{name}”</h3>
        <SmallButton danger onClick={() => onEdit((t) => removeSdlService(t, name))}>
          Remove service
        </SmallButton>
      </div>
      <div className="grid gap-2 sm:grid-cols-3">
        <TextField label="Service name" value={name} onCommit={(v) => onEdit((t) => renameSdlService(t, name, v.trim()))} testId={`service-name-${name}`} />
        <TextField label="Image" value={str(svc.image)} onCommit={(v) => set([...sp, "image"], v.trim())} placeholder="nginx:1.27" testId={`image-${name}`} />
        <div className="flex items-end">
          <CheckField label="Private registry credentials" checked={showCreds} onCommit={(v) => (v ? setShowCreds(true) : (setShowCreds(false), del([...sp, "credentials"])))} />
        </div>
      </div>
      {showCreds && (
        <div className="grid gap-2 sm:grid-cols-4">
          <TextField label="Registry host" value={str(creds.host)} onCommit={(v) => set([...sp, "credentials", "host"], v.trim())} placeholder="ghcr.io" />
          <TextField label="Username" value={str(creds.username)} onCommit={(v) => set([...sp, "credentials", "username"], v.trim())} />
          <TextField label="Password / token" type="password" value={str(creds.password)} onCommit={(v) => set([...sp, "credentials", "password"], v)} />
          <TextField label="Email (optional)" value={str(creds.email)} onCommit={(v) => set([...sp, "credentials", "email"], v.trim())} />
        </div>
      )}
      <div className="grid gap-2 sm:grid-cols-3">
        <LinesField label="Command (one per line)" value={strings(svc.command)} onCommit={(v) => set([...sp, "command"], v)} />
        <LinesField label="Args (one per line)" value={strings(svc.args)} onCommit={(v) => set([...sp, "args"], v)} />
        <LinesField label="Env (NAME=value, one per line)" value={strings(svc.env)} onCommit={(v) => set([...sp, "env"], v)} testId={`env-${name}`} />
      </div>
      {mentionedBy.length > 0 && (
        <p className="text-xs text-muted" data-testid={`service-mentioned-${name}`}>
          The env of {mentionedBy.map((m) => `“${m}”`).join(", ")} names “{name}”: renaming this service does not change env values, so update them too.
        </p>
      )}
      {orphans.map((volume) => (
        <div key={volume} role="alert" className="flex items-center gap-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900" data-testid={`orphan-mount-${name}-${volume}`}>
          <span className="grow">A mount setting names volume “{volume}”, which this service’s profile does not have.</span>
          <SmallButton danger onClick={() => onEdit((t) => removeSdlMount(t, name, volume))}>Remove mount setting</SmallButton>
        </div>
      ))}
      {deployments.map(([placement, d]) => (
        <DeploymentForm key={placement} service={name} placement={placement} profile={str(obj(d).profile)} count={str(obj(d).count)} sdl={sdl} set={set} del={del} onEdit={onEdit} />
      ))}
      <ExposeForm service={name} svc={svc} services={Object.keys(obj(sdl.services))} set={set} onEdit={onEdit} />
    </section>
  );
}

function DeploymentForm({ service, placement, profile, count, sdl, set, del, onEdit }: { service: string; placement: string; profile: string; count: string; sdl: Obj; set: ServiceProps["set"]; del: ServiceProps["del"]; onEdit: ServiceProps["onEdit"] }) {
  const res = obj(obj(obj(obj(sdl.profiles).compute)[profile]).resources);
  const rp: SdlPath = ["profiles", "compute", profile, "resources"];
  const pl = obj(obj(obj(sdl.profiles).placement)[placement]);
  const plp: SdlPath = ["profiles", "placement", placement];
  const price = obj(obj(pl.pricing)[profile]);
  const storageRaw = res.storage;
  const storage = list(storageRaw).map(obj);
  const storagePath = (i: number): SdlPath => (Array.isArray(storageRaw) ? [...rp, "storage", i] : [...rp, "storage"]);
  const profileUsers = Object.values(obj(sdl.deployment)).filter((placements) => Object.values(obj(placements)).some((d) => obj(d).profile === profile)).length;
  const mounts = obj(obj(obj(obj(obj(sdl.services)[service]).params)).storage);
  const gpu = obj(res.gpu);
  const nvidia = list(obj(obj(gpu.attributes).vendor).nvidia).map(obj);
  const gpuUnits = Number(gpu.units ?? 0) || 0;
  const setModels = (models: Obj[]) => set([...rp, "gpu", "attributes", "vendor", "nvidia"], models.map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== "" && v !== undefined))));
  const attrs = Object.entries(obj(pl.attributes)).map(([k, v]) => `${k}=${str(v)}`);
  const signedBy = obj(pl.signedBy);
  const placementUsers = Object.values(obj(sdl.deployment)).filter((placements) => placement in obj(placements)).length;
  return (
    <div className="space-y-3">
      <Section title={`Resources — profile “${profile}”${profile !== service ? " (shared)" : ""}`}>
        <div className="grid gap-2 sm:grid-cols-4">
          <TextField label={profileUsers > 1 ? "Profile name (shared)" : "Profile name"} value={profile} onCommit={(v) => onEdit((t) => renameSdlProfile(t, profile, v.trim()))} testId={`profile-name-${service}`} />
          <TextField label="CPU (cores or 500m)" value={str(obj(res.cpu).units)} onCommit={(v) => set([...rp, "cpu", "units"], coerceScalar(v, "numberOrString"))} testId={`cpu-${service}`} />
          <TextField label="Memory" value={str(obj(res.memory).size)} onCommit={(v) => set([...rp, "memory", "size"], v.trim())} placeholder="512Mi" testId={`memory-${service}`} />
          <TextField label="Replicas (count)" value={count} onCommit={(v) => set(["deployment", service, placement, "count"], coerceScalar(v, "integer"))} testId={`count-${service}`} />
        </div>
        {storage.map((s, i) => {
          const attributes = obj(s.attributes);
          const persistent = attributes.persistent === true || attributes.persistent === "true";
          const storageClass = str(attributes.class);
          const volName = str(s.name);
          const mount = volName ? obj(mounts[volName]) : {};
          return (
            <div key={i} className="grid items-end gap-2 sm:grid-cols-6" data-testid={`storage-${service}-${i}`}>
              <TextField label="Volume name" value={volName} onCommit={(v) => onEdit((t) => renameSdlVolume(t, profile, i, v.trim()))} placeholder="(unnamed)" testId={`volume-name-${service}-${i}`} />
              <TextField label="Size" value={str(s.size)} onCommit={(v) => set([...storagePath(i), "size"], v.trim())} placeholder="1Gi" testId={`volume-size-${service}-${i}`} />
              <CheckField label="Persistent" checked={persistent} onCommit={(v) => onEdit((t) => setSdlVolumeClass(t, profile, i, v, storageClass === "ram" && v ? "beta2" : storageClass))} testId={`volume-persistent-${service}-${i}`} />
              <SelectField label="Class" value={storageClass} options={["", "default", "beta1", "beta2", "beta3", "ram"]} onCommit={(v) => onEdit((t) => setSdlVolumeClass(t, profile, i, persistent && v !== "ram", v))} />
              <TextField label="Mount path" value={str(mount.mount)} onCommit={(v) => onEdit((t) => setSdlMount(t, profile, i, v.trim()))} placeholder={persistent ? "/data" : "(none)"} testId={`volume-mount-${service}-${i}`} />
              <div className="flex gap-2">
                <CheckField label="Read-only" checked={mount.readOnly === true} onCommit={(v) => onEdit((t) => setSdlMountReadOnly(t, profile, i, v))} />
                {storage.length > 1 && (
                  <SmallButton danger testId={`volume-remove-${service}-${i}`} onClick={() => onEdit((t) => removeSdlVolume(t, profile, i))}>
                    ✕
                  </SmallButton>
                )}
              </div>
            </div>
          );
        })}
        <SmallButton testId={`volume-add-${service}`} onClick={() => onEdit((t) => addSdlVolume(t, profile))}>
          Add persistent volume
        </SmallButton>
      </Section>
      <Section title="GPU">
        <div className="grid gap-2 sm:grid-cols-4">
          <TextField label="GPUs (units)" value={gpuUnits ? String(gpuUnits) : ""} placeholder="0" testId={`gpu-units-${service}`} onCommit={(v) => {
            const units = coerceScalar(v, "integer");
            if (!units) del([...rp, "gpu"]);
            else if (!nvidia.length) set([...rp, "gpu"], { units, attributes: { vendor: { nvidia: [{ model: "rtx4090" }] } } });
            else set([...rp, "gpu", "units"], units);
          }} />
        </div>
        {gpuUnits > 0 &&
          nvidia.map((m, i) => (
            <div key={i} className="grid items-end gap-2 sm:grid-cols-5">
              <TextField label="NVIDIA model" value={str(m.model)} placeholder="a100" onCommit={(v) => setModels(nvidia.map((x, j) => (j === i ? { ...x, model: v.trim() } : x)))} />
              <TextField label="GPU memory" value={str(m.ram)} placeholder="80Gi (any)" onCommit={(v) => setModels(nvidia.map((x, j) => (j === i ? { ...x, ram: v.trim() } : x)))} />
              <SelectField label="Interface" value={str(m.interface)} options={["", "pcie", "sxm"]} onCommit={(v) => setModels(nvidia.map((x, j) => (j === i ? { ...x, interface: v } : x)))} />
              {nvidia.length > 1 && (
                <SmallButton danger onClick={() => setModels(nvidia.filter((_, j) => j !== i))}>
                  ✕
                </SmallButton>
              )}
            </div>
          ))}
        {gpuUnits > 0 && <SmallButton onClick={() => setModels([...nvidia, { model: "t4" }])}>Accept another model</SmallButton>}
      </Section>
      <Section title={`Placement “${placement}” and price`}>
        <div className="grid gap-2 sm:grid-cols-4">
          <TextField label={placementUsers > 1 ? "Placement name (shared)" : "Placement name"} value={placement} onCommit={(v) => onEdit((t) => renameSdlPlacement(t, placement, v.trim()))} testId={`placement-name-${service}`} />
          <SelectField label="Denom" value={str(price.denom)} options={["uact", "uakt"]} onCommit={(v) => set([...plp, "pricing", profile, "denom"], v)} testId={`denom-${service}`} />
          <TextField label="Max price per block" value={str(price.amount)} onCommit={(v) => set([...plp, "pricing", profile, "amount"], coerceScalar(v, "number"))} testId={`price-${service}`} />
        </div>
        <div className="grid gap-2 sm:grid-cols-3">
          <LinesField label="Provider attributes (key=value)" value={attrs} placeholder="region=us-west" onCommit={(lines) => set([...plp, "attributes"], lines.length ? Object.fromEntries(lines.map((l) => [l.split("=")[0]!.trim(), l.slice(l.indexOf("=") + 1).trim()])) : undefined)} />
          <LinesField label="Audited by any of" value={strings(signedBy.anyOf)} placeholder="akash1…" onCommit={(v) => set([...plp, "signedBy", "anyOf"], v)} />
          <LinesField label="Audited by all of" value={strings(signedBy.allOf)} placeholder="akash1…" onCommit={(v) => set([...plp, "signedBy", "allOf"], v)} />
        </div>
      </Section>
    </div>
  );
}

function ExposeForm({ service, svc, services, set, onEdit }: { service: string; svc: Obj; services: string[]; set: ServiceProps["set"]; onEdit: ServiceProps["onEdit"] }) {
  const exposes = list(svc.expose).map(obj);
  const ep: SdlPath = ["services", service, "expose"];
  return (
    <Section title="Ports (expose)">
      {exposes.map((e, i) => {
        const to = list(e.to).map(obj);
        const first = to[0] ?? {};
        const http = obj(e.http_options);
        const p: SdlPath = [...ep, i];
        const setTo = (patch: Obj) => onEdit((t) => setSdlExposeTarget(t, service, i, patch));
        return (
          <div key={i} className="space-y-2 rounded border border-border p-2" data-testid={`expose-${service}-${i}`}>
            <div className="grid items-end gap-2 sm:grid-cols-6">
              <TextField label="Container port" value={str(e.port)} onCommit={(v) => set([...p, "port"], coerceScalar(v, "integer"))} testId={`port-${service}-${i}`} />
              <TextField label="Published as" value={str(e.as)} placeholder="same" onCommit={(v) => set([...p, "as"], coerceScalar(v, "integer"))} />
              <SelectField label="Protocol" value={str(e.proto)} options={["", "tcp", "udp"]} onCommit={(v) => set([...p, "proto"], v || undefined)} />
              {/* A leased IP needs a global expose, so turning global off lets the IP go too. */}
              <CheckField label="Public (global)" checked={first.global === true} onCommit={(v) => onEdit((t) => setSdlExposeTarget(v ? t : setSdlIpEndpoint(t, service, i, ""), service, i, { global: v }))} />
              <TextField label="Leased IP endpoint" value={str(first.ip)} placeholder="(none)" onCommit={(v) => onEdit((t) => setSdlIpEndpoint(t, service, i, v.trim()))} testId={`ip-${service}-${i}`} />
              <SmallButton danger onClick={() => onEdit((t) => removeSdlPort(t, service, i))}>
                Remove port
              </SmallButton>
            </div>
            <div className="grid gap-2 sm:grid-cols-3">
              <SelectField label="Only to service" value={str(first.service)} options={["", ...services.filter((x) => x !== service)]} onCommit={(v) => setTo({ service: v })} />
              <TextField label="Accept hosts (comma separated)" value={strings(e.accept).join(", ")} onCommit={(v) => set([...p, "accept"], v.split(",").map((h) => h.trim()).filter(Boolean))} />
            </div>
            <details>
              <summary className="cursor-pointer text-xs text-muted">HTTP options</summary>
              <div className="mt-2 grid gap-2 sm:grid-cols-6">
                {(["max_body_size", "read_timeout", "send_timeout", "next_tries", "next_timeout"] as const).map((k) => (
                  <TextField key={k} label={k} value={str(http[k])} onCommit={(v) => set([...p, "http_options", k], coerceScalar(v, "integer"))} />
                ))}
                <TextField label="next_cases" value={strings(http.next_cases).join(", ")} onCommit={(v) => set([...p, "http_options", "next_cases"], v.split(",").map((x) => x.trim()).filter(Boolean))} />
              </div>
            </details>
          </div>
        );
      })}
      <SmallButton onClick={() => onEdit((t) => appendSdlItem(t, ep, { port: 8080, to: [{ global: true }] }))}>Add port</SmallButton>
    </Section>
  );
}

/** Leased IP endpoints, renamed with every `ip:` that uses them (they are created and removed with the ports). */
function EndpointsForm({ sdl, onEdit }: { sdl: Obj; onEdit: Props["onEdit"] }) {
  const endpoints = Object.entries(obj(sdl.endpoints));
  if (!endpoints.length) return null;
  return (
    <Section title="Leased IP endpoints">
      {endpoints.map(([name, e]) => (
        <div key={name} className="grid items-end gap-2 sm:grid-cols-4">
          <TextField label="Endpoint name" value={name} onCommit={(v) => onEdit((t) => renameSdlEndpoint(t, name, v.trim()))} testId={`endpoint-name-${name}`} />
          <p className="text-xs text-muted">Kind: {str(obj(e).kind) || "ip"}</p>
        </div>
      ))}
    </Section>
  );
}
