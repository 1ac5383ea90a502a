/** Daily spend bars (stacked by series) with the cumulative line; recharts, loaded with this chunk only. */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartRow } from "./chart-data";

/** Axis ticks short enough for a 390 px screen: 0.00024, 12.5, 1.2k. */
const tick = (v: number): string => (Math.abs(v) >= 1000 ? `${(v / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })}k` : v.toLocaleString(undefined, { maximumSignificantDigits: 3 }));

const COLORS = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626", "#6b7280"];

export default function SpendChart({ rows, series, unit, label }: { rows: ChartRow[]; series: string[]; unit: string; label: (name: string) => string }) {
  return (
    <div className="h-72 w-full" role="img" aria-label={`Daily spend in ${unit} with the cumulative total; the table view lists the same numbers`}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border, #d4d4d8)" />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={12} minTickGap={16} />
          <YAxis yAxisId="day" fontSize={12} width={64} tickFormatter={tick} />
          <YAxis yAxisId="cum" orientation="right" fontSize={12} width={64} tickFormatter={tick} />
          <Tooltip formatter={(value, name) => [`${Number(value).toLocaleString(undefined, { maximumFractionDigits: 6 })} ${unit}`, String(name)]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((name, i) => (
            <Bar key={name} yAxisId="day" stackId="spend" name={label(name)} dataKey={(row: ChartRow) => row.values[name] ?? 0} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
          <Line yAxisId="cum" type="monotone" name="Cumulative" dataKey="cumulative" stroke="currentColor" dot={false} strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
