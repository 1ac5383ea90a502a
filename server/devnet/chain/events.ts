import Long from "long";
import type { ChainEvent, EventManager, MessageFns } from "./types.ts";

const snake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** jsonpb's default for a field ts-proto left out (enums come out as 0, jsonpb would print the zero name). */
function defaultJson(v: unknown): unknown {
  if (typeof v === "string") return "";
  if (typeof v === "boolean") return false;
  if (typeof v === "number") return 0;
  if (Long.isLong(v)) return "0";
  if (v instanceof Uint8Array) return "";
  if (Array.isArray(v)) return [];
  if (v === undefined || v === null) return null;
  return withDefaults(v, {});
}

/** Adds the default-valued fields of `obj` (a ts-proto message) that `json` (its toJSON) omitted. */
function withDefaults(obj: unknown, json: unknown): unknown {
  if (obj === null || typeof obj !== "object" || obj instanceof Uint8Array || Long.isLong(obj)) return json;
  if (Array.isArray(obj)) return Array.isArray(json) ? json.map((j, i) => withDefaults(obj[i], j)) : json;
  if (json === null || typeof json !== "object" || Array.isArray(json)) return json;
  // Rebuilt in the message's field order, as jsonpb prints it.
  const src = json as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = k in src ? k : snake(k);
    out[key] = key in src ? withDefaults(v, src[key]) : defaultJson(v);
  }
  for (const [k, v] of Object.entries(src)) if (!(k in out)) out[k] = v;
  return out;
}

/**
 * Collects events like the SDK's EventManager. All attributes are indexed (the SDK marks every
 * attribute for indexing when no index-events list is configured, which is the node default).
 */
export class DevnetEventManager implements EventManager {
  readonly events: ChainEvent[] = [];

  emit(type: string, attributes: Record<string, string>): void {
    this.events.push({
      type,
      attributes: Object.entries(attributes).map(([key, value]) => ({ key, value, index: true })),
    });
  }

  /**
   * sdk.TypedEventToEvent: type = proto full name, attributes = top-level fields of the proto-JSON
   * (keys sorted, values compact JSON). The SDK's jsonpb emits default values (EmitDefaults) where
   * ts-proto's toJSON omits them, so the defaults are filled back in from the message object.
   */
  emitTyped<T>(type: MessageFns<T, string>, value: T): void {
    const json = withDefaults(value, type.toJSON(value)) as Record<string, unknown>;
    const keys = Object.keys(json).sort();
    this.events.push({
      type: type.$type,
      attributes: keys.map((key) => ({ key, value: JSON.stringify(json[key]), index: true })),
    });
  }

  /** Appends events from another manager (e.g. a committed sub-context). */
  append(events: readonly ChainEvent[]): void {
    this.events.push(...events);
  }
}
