/**
 * CometBFT pubsub query language (libs/pubsub/query in CometBFT 0.38), used by `subscribe` and `tx_search`.
 *
 *   query     := condition { "AND" condition }
 *   condition := tag op operand | tag "EXISTS"
 *   op        := "=" | "<" | "<=" | ">" | ">=" | "CONTAINS"
 *   operand   := 'string' | number | DATE yyyy-mm-dd | TIME RFC3339
 *
 * A query matches an events map (composite key "type.attr" -> values) when every condition holds for at
 * least one value of its key. Strings compare exactly (=) or by substring (CONTAINS); numbers compare
 * numerically against the leading number of each value; DATE/TIME compare as instants.
 */

export type Op = "=" | "<" | "<=" | ">" | ">=" | "CONTAINS" | "EXISTS";

export type Operand =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number; text: string }
  | { kind: "time"; value: number; text: string; date: boolean };

export interface Condition {
  tag: string;
  op: Op;
  operand?: Operand;
}

export interface Query {
  readonly text: string;
  readonly conditions: Condition[];
  matches(events: EventsMap): boolean;
}

/** Composite key ("tm.event", "tx.hash", "message.sender", ...) -> values, as Comet builds it. */
export type EventsMap = Record<string, string[]>;

export class QueryParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QueryParseError";
  }
}

const TAG_RE = /^[A-Za-z_][A-Za-z0-9_.\-/[\]]*/;
const NUMBER_RE = /^-?[0-9]+(\.[0-9]+)?/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}/;
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/;

/** Parses a query string; throws QueryParseError with the position of the problem. */
export function parseQuery(text: string): Query {
  if (typeof text !== "string") throw new QueryParseError("query must be a string");
  if (text.length > 4096) throw new QueryParseError("query is too long (max 4096 characters)");
  let pos = 0;
  const conditions: Condition[] = [];
  const skipWs = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const fail = (what: string): never => {
    throw new QueryParseError(`failed to parse query: ${what} at position ${pos + 1}: ${JSON.stringify(text)}`);
  };
  const rest = () => text.slice(pos);

  skipWs();
  if (pos >= text.length) fail("empty query");
  for (;;) {
    skipWs();
    const tagMatch = TAG_RE.exec(rest());
    if (!tagMatch) fail("expected a tag");
    const tag = tagMatch![0];
    pos += tag.length;
    skipWs();
    let op: Op | undefined;
    for (const candidate of ["<=", ">=", "=", "<", ">", "CONTAINS", "EXISTS"] as const) {
      if (text.startsWith(candidate, pos)) {
        op = candidate;
        pos += candidate.length;
        break;
      }
    }
    if (!op) fail(`expected an operator after ${JSON.stringify(tag)}`);
    if (op === "EXISTS") {
      conditions.push({ tag, op });
    } else {
      skipWs();
      let operand: Operand | undefined;
      if (text[pos] === "'") {
        const end = text.indexOf("'", pos + 1);
        if (end < 0) fail("unterminated string");
        operand = { kind: "string", value: text.slice(pos + 1, end) };
        pos = end + 1;
      } else if (text.startsWith("DATE", pos) || text.startsWith("TIME", pos)) {
        const isDate = text.startsWith("DATE", pos);
        pos += 4;
        skipWs();
        const m = (isDate ? DATE_RE : TIME_RE).exec(rest());
        if (!m) fail(isDate ? "expected a date (2006-01-02)" : "expected a time (RFC3339)");
        const ms = Date.parse(isDate ? `${m![0]}T00:00:00Z` : m![0]);
        if (Number.isNaN(ms)) fail("invalid date/time");
        operand = { kind: "time", value: ms, text: m![0], date: isDate };
        pos += m![0].length;
      } else {
        const m = NUMBER_RE.exec(rest());
        if (!m) fail("expected an operand (a 'quoted string', a number, DATE or TIME)");
        operand = { kind: "number", value: Number(m![0]), text: m![0] };
        pos += m![0].length;
      }
      if (operand!.kind === "string" && op !== "=" && op !== "CONTAINS") {
        fail(`operator ${op} cannot be applied to a string`);
      }
      if (operand!.kind !== "string" && op === "CONTAINS") fail("CONTAINS needs a string operand");
      conditions.push({ tag, op: op!, operand });
    }
    skipWs();
    if (pos >= text.length) break;
    if (!text.startsWith("AND", pos) || (pos + 3 < text.length && !/\s/.test(text[pos + 3]!))) fail("expected AND");
    pos += 3;
  }
  return {
    text,
    conditions,
    matches: (events) => conditions.every((c) => matchCondition(c, events)),
  };
}

const LEADING_NUMBER = /^-?[0-9]+(\.[0-9]+)?/;

function compare(a: number, b: number, op: Op): boolean {
  switch (op) {
    case "=":
      return a === b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    default:
      return false;
  }
}

export function matchCondition(c: Condition, events: EventsMap): boolean {
  const values = Object.hasOwn(events, c.tag) ? events[c.tag] : undefined;
  if (!values || values.length === 0) return false;
  if (c.op === "EXISTS") return true;
  const operand = c.operand!;
  return values.some((value) => {
    switch (operand.kind) {
      case "string":
        return c.op === "CONTAINS" ? value.includes(operand.value) : value === operand.value;
      case "number": {
        const m = LEADING_NUMBER.exec(value);
        return m ? compare(Number(m[0]), operand.value, c.op) : false;
      }
      case "time": {
        const t = Date.parse(operand.date && DATE_RE.test(value) && value.length === 10 ? `${value}T00:00:00Z` : value);
        return Number.isNaN(t) ? false : compare(t, operand.value, c.op);
      }
    }
  });
}

/** Flattens ABCI events into Comet's composite-key map and adds the given reserved keys. */
export function eventsToMap(
  events: ReadonlyArray<{ type: string; attributes: ReadonlyArray<{ key: string; value: string }> }>,
  reserved: Record<string, string>,
): EventsMap {
  const map: EventsMap = {};
  for (const [k, v] of Object.entries(reserved)) map[k] = [v];
  for (const event of events) {
    if (!event.type) continue;
    for (const attr of event.attributes) {
      if (!attr.key) continue;
      const key = `${event.type}.${attr.key}`;
      (map[key] ??= []).push(attr.value);
    }
  }
  return map;
}

/**
 * tx_search / block_search semantics of CometBFT 0.38's kv indexer (state/txindex/kv): the indexer
 * stores only indexed event attributes plus the height (`tx.height` / `block.height`); every
 * attribute condition must be satisfied by ONE event (matches are keyed by event sequence), so
 * conditions on two different events never match together; `tm.event` is not indexed.
 * (Subscriptions use the pubsub semantics of `Query.matches` instead.)
 */
export function matchesIndexed(
  query: Query,
  heightKey: "tx.height" | "block.height",
  height: number,
  events: ReadonlyArray<{ type: string; attributes: ReadonlyArray<{ key: string; value: string; index?: boolean }> }>,
): boolean {
  const heightStr = String(height);
  const others: Condition[] = [];
  for (const c of query.conditions) {
    if (c.tag === heightKey) {
      if (!matchCondition(c, { [heightKey]: [heightStr] })) return false;
    } else others.push(c);
  }
  if (others.length === 0) return true;
  return events.some((event) => {
    const map: EventsMap = {};
    for (const a of event.attributes) {
      if (a.index === false || !a.key) continue;
      (map[`${event.type}.${a.key}`] ??= []).push(a.value);
    }
    return others.every((c) => matchCondition(c, map));
  });
}
