import type { SdlSummary } from "@/lib/sdl/resources";

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(2))} ${units[unit]}`;
}

/** Per-service resources of an SDL, as the review step shows them. */
export function ResourcesTable({ summary }: { summary: SdlSummary }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="w-full text-left text-sm">
        <thead className="bg-surface-2 text-xs text-muted">
          <tr>
            <th className="px-3 py-1.5 font-medium">Service</th>
            <th className="px-3 py-1.5 font-medium">Replicas</th>
            <th className="px-3 py-1.5 font-medium">CPU</th>
            <th className="px-3 py-1.5 font-medium">Memory</th>
            <th className="px-3 py-1.5 font-medium">Storage</th>
            <th className="px-3 py-1.5 font-medium">GPU</th>
          </tr>
        </thead>
        <tbody>
          {summary.services.map((s) => (
            <tr key={`${s.placement}/${s.service}`} className="border-t border-border">
              <td className="px-3 py-1.5">
                <span className="font-medium">{s.service}</span> <span className="text-muted">{s.image}</span>
              </td>
              <td className="px-3 py-1.5">{s.count}</td>
              <td className="px-3 py-1.5">{s.cpuMillis / 1000} vCPU</td>
              <td className="px-3 py-1.5">{formatBytes(s.memoryBytes)}</td>
              <td className="px-3 py-1.5">{s.storage.map((v) => `${formatBytes(v.bytes)}${v.persistent ? ` (${v.class})` : ""}`).join(", ") || "—"}</td>
              <td className="px-3 py-1.5">{s.gpuUnits ? `${s.gpuUnits}× ${s.gpuModels.join(" / ")}` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
