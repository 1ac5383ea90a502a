import { isMap, isScalar, stringify, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { parseSdlDocument } from "./document";
import type { TextEdit } from "./types";

/** The smallest single replacement that turns `before` into `after` (common prefix/suffix trimmed). */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, text: after.slice(start, endAfter) };
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  // Apply from the end so earlier offsets stay valid.
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * Whether the author wrote block sequences flush with their parent key ("key:\n- item") rather
 * than indented; we keep their style when we re-serialise a document.
 */
export function detectIndentSeq(text: string): boolean {
  return !/^([ \t]*)[^\s#-][^\n]*:[ \t]*\n\1- /m.test(text);
}

/** Serialise a document the way the author wrote it as far as `yaml` allows (no line folding). */
export function stringifyDocument(doc: Document, original: string): string {
  return doc.toString({ indentSeq: detectIndentSeq(original), lineWidth: 0, minContentWidth: 0, flowCollectionPadding: !/[[{][^\s\]}]/.test(original) });
}

/** Serialise a lone `key: value` pair (or value) as block YAML in the author's list style. */
export function stringifyFragment(value: unknown, original: string): string {
  return stringify(value, { indentSeq: detectIndentSeq(original), lineWidth: 0, minContentWidth: 0 });
}

function indentLines(block: string, indent: string): string {
  return block
    .split("\n")
    .map((line) => (line ? indent + line : line))
    .join("\n");
}

/** Column (0-based) of a node's first character. */
function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/**
 * Add `key: value` as the last entry of a block map, as text: nothing else in the file moves.
 * Undefined when the map is flow-style or empty (callers fall back to the Document API).
 */
export function insertPairEdit(text: string, map: YAMLMap, key: string, value: unknown): TextEdit | undefined {
  if (map.flow || map.items.length === 0) return undefined;
  const first = nodeRange(map.items[0]!.key);
  const last = map.items[map.items.length - 1]!;
  const lastEnd = Math.max(nodeRange(last.value)?.[1] ?? 0, nodeRange(last.key)?.[1] ?? 0);
  if (!first || !lastEnd) return undefined;
  const indent = " ".repeat(columnOf(text, first[0]));
  const at = lineEndInclusive(text, Math.max(0, contentEnd(text, lastEnd) - 1));
  const block = indentLines(stringifyFragment({ [key]: value }, text), indent);
  const needsNewline = at > 0 && text[at - 1] !== "\n";
  return { start: at, end: at, text: (needsNewline ? "\n" : "") + block };
}

/** Replace a whole `key: value` pair of a block map in place (same position, new value). */
export function replacePairEdit(text: string, map: YAMLMap | undefined, pair: Pair<unknown, unknown>, key: string, value: unknown): TextEdit | undefined {
  const removal = removePairEdit(text, map, pair);
  const keyRange = nodeRange(pair.key);
  if (!removal || !keyRange) return undefined;
  const block = indentLines(stringifyFragment({ [key]: value }, text), " ".repeat(columnOf(text, keyRange[0])));
  return { ...removal, text: block };
}

/** A scalar as it would be written in YAML (quoted when it would otherwise read as something else). */
export function scalarSource(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, "");
}

/** Apply a structural change through the Document API; comments and unknown keys survive. */
export function documentEdit(text: string, mutate: (doc: Document) => void): TextEdit | undefined {
  const { doc } = parseSdlDocument(text);
  if (doc.errors.length) return undefined;
  mutate(doc);
  const after = stringifyDocument(doc, text);
  if (after === text) return undefined;
  return minimalEdit(text, after);
}

/**
 * A node's end offset without the next line's indentation, which `yaml` counts into a block that ends
 * in a comment or an empty value (the next key would otherwise be taken as part of it).
 */
function contentEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === " " || text[e - 1] === "\t")) e--;
  return e;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineEndInclusive(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl === -1 ? text.length : nl + 1;
}

function nodeRange(node: unknown): [number, number, number] | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? [r[0], r[1], r[2]] : undefined;
}

/** Delete a `key: value` pair of a block map, whole lines, keeping everything else byte for byte. */
export function removePairEdit(text: string, map: YAMLMap | undefined, pair: Pair<unknown, unknown>): TextEdit | undefined {
  const keyRange = nodeRange(pair.key);
  if (!keyRange || (map && map.flow)) return undefined;
  const start = lineStart(text, keyRange[0]);
  // Only whole-line deletion when the key starts its line (not "- key:" of a list item).
  if (text.slice(start, keyRange[0]).trim() !== "") return undefined;
  const valueRange = nodeRange(pair.value);
  const lastContent = Math.max(keyRange[1], valueRange ? valueRange[1] : keyRange[1]);
  const end = lineEndInclusive(text, Math.max(contentEnd(text, lastContent) - 1, keyRange[1]));
  return { start, end, text: "" };
}

/** A `|` or `>` scalar: its range runs over following lines, so it is never replaced in place by a plain one. */
export function isBlockScalar(node: unknown): boolean {
  return isScalar(node) && (node.type === "BLOCK_FOLDED" || node.type === "BLOCK_LITERAL");
}

/**
 * Turn a block list of scalars into `values` item by item (changed items replaced in place, extra ones
 * removed as whole lines, new ones added after the last), so comments between items stay. Undefined when
 * the list is flow-style, empty or holds anything but plain scalars on their own "- " lines.
 */
export function scalarListEdits(text: string, seq: YAMLSeq, values: unknown[]): TextEdit[] | undefined {
  if (seq.flow || seq.items.length === 0) return undefined;
  const lines: { dashLineStart: number; dashIndent: string; range: [number, number, number] }[] = [];
  for (const item of seq.items) {
    const range = nodeRange(item);
    if (!isScalar(item) || isBlockScalar(item) || !range || range[1] <= range[0]) return undefined;
    const start = lineStart(text, range[0]);
    const prefix = /^([ \t]*)-[ \t]+$/.exec(text.slice(start, range[0]));
    if (!prefix || text.slice(range[1], lineEndInclusive(text, range[1])).trim().replace(/^#.*/, "") !== "") return undefined;
    lines.push({ dashLineStart: start, dashIndent: prefix[1]!, range });
  }
  const edits: TextEdit[] = [];
  values.slice(0, lines.length).forEach((value, i) => {
    const item = seq.items[i] as Scalar;
    if (item.value !== value) edits.push({ start: lines[i]!.range[0], end: lines[i]!.range[1], text: scalarSource(value) });
  });
  for (const line of lines.slice(values.length)) edits.push({ start: line.dashLineStart, end: lineEndInclusive(text, line.range[1]), text: "" });
  if (values.length > lines.length) {
    const last = lines[lines.length - 1]!;
    const at = lineEndInclusive(text, last.range[1]);
    const added = values.slice(lines.length).map((v) => `${last.dashIndent}- ${scalarSource(v)}\n`).join("");
    edits.push({ start: at, end: at, text: (at > 0 && text[at - 1] !== "\n" ? "\n" : "") + added });
  }
  return edits;
}

/** Add `item` after the last item of a non-empty block list, as text: nothing else in the file moves. */
export function appendItemEdit(text: string, seq: YAMLSeq, item: unknown): TextEdit | undefined {
  if (seq.flow || seq.items.length === 0) return undefined;
  const first = nodeRange(seq.items[0]);
  const last = nodeRange(seq.items[seq.items.length - 1]);
  if (!first || !last) return undefined;
  const start = lineStart(text, first[0]);
  const prefix = /^([ \t]*)-[ \t]+$/.exec(text.slice(start, first[0]));
  if (!prefix) return undefined;
  const body = stringifyFragment(item, text).replace(/\n$/, "").split("\n");
  const block = body.map((line, i) => `${prefix[1]}${i === 0 ? "- " : "  "}${line}`).join("\n") + "\n";
  const at = lineEndInclusive(text, Math.max(0, contentEnd(text, last[1]) - 1));
  return { start: at, end: at, text: (at > 0 && text[at - 1] !== "\n" ? "\n" : "") + block };
}

export function replaceNodeEdit(node: unknown, newText: string): TextEdit | undefined {
  const r = nodeRange(node);
  if (!r) return undefined;
  return { start: r[0], end: r[1], text: newText };
}

export function renameKeyEdit(pair: Pair<unknown, unknown>, newKey: string): TextEdit | undefined {
  if (!isScalar(pair.key)) return undefined;
  return replaceNodeEdit(pair.key, newKey);
}

export function parentMapOf(doc: Document, path: (string | number)[]): YAMLMap | undefined {
  const node = path.length ? doc.getIn(path, true) : doc.contents;
  return isMap(node) ? node : undefined;
}
