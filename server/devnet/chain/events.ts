import type { ChainEvent, EventManager, MessageFns } from "./types.ts";

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
   * (keys sorted, values raw JSON). ts-proto's toJSON omits default-valued fields, where the SDK's
   * jsonpb emits them; the attributes that are present carry the same values.
   */
  emitTyped<T>(type: MessageFns<T, string>, value: T): void {
    const json = (type.toJSON(value) ?? {}) as Record<string, unknown>;
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
