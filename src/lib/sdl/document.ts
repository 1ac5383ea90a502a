import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";

export interface ParsedSdlText {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Parse SDL text with the `yaml` package, keeping the CST positions we need to map errors. */
export function parseSdlDocument(text: string): ParsedSdlText {
  const lineCounter = new LineCounter();
  // YAML 1.2 core like js-yaml (chain-sdk's own parser) plus merge keys, which js-yaml also honours.
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, keepSourceTokens: false, uniqueKeys: true });
  return { doc, lineCounter };
}

export function pointerToSegments(pointer: string): string[] {
  if (!pointer || pointer === "/") return [];
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export interface LocatedNode {
  /** How many of the requested segments exist in the document. */
  depth: number;
  /** The pair whose key is the deepest existing segment (absent for sequence items or the root). */
  pair?: Pair<unknown, unknown>;
  /** The value node at the deepest existing segment. */
  node?: Node;
}

function keyMatches(key: unknown, segment: string): boolean {
  if (isScalar(key)) return String(key.value) === segment;
  return String(key) === segment;
}

/** Walk a JSON pointer through the YAML AST, as deep as the document allows. */
export function locatePointer(doc: Document, pointer: string): LocatedNode {
  const segments = pointerToSegments(pointer);
  let current: unknown = doc.contents;
  let located: LocatedNode = { depth: 0, node: (doc.contents as Node | null) ?? undefined };
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (isMap(current)) {
      const pair = current.items.find((p) => keyMatches(p.key, segment));
      if (!pair) break;
      current = pair.value;
      located = { depth: i + 1, pair, node: (pair.value as Node | null) ?? undefined };
    } else if (isSeq(current)) {
      const index = Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= current.items.length) break;
      current = current.items[index];
      located = { depth: i + 1, node: current as Node };
    } else {
      break;
    }
  }
  return located;
}

/** The key node of a pair when it carries a source range. */
export function keyNode(pair: Pair<unknown, unknown> | undefined): Node | undefined {
  if (!pair) return undefined;
  const key = pair.key;
  return isScalar(key) || isMap(key) || isSeq(key) ? key : undefined;
}

export function isPairNode(value: unknown): value is Pair<unknown, unknown> {
  return isPair(value);
}
