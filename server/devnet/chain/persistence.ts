import fs from "node:fs";
import path from "node:path";
import type { ChainEvent } from "./types.ts";
import type { BlockResults, DevnetBlock, TxResult } from "./node-types.ts";
import { DELETED, type Change } from "./stores.ts";

/**
 * Crash-safe persistence of the devnet under a data dir:
 *
 * - `genesis.json`   the genesis document (written once).
 * - `snapshot.json`  full state at some height, replaced atomically (write tmp, fsync, rename).
 * - `state.jsonl`    one line per block after the snapshot: that block's state changes.
 * - `blocks.jsonl`   one line per block since genesis: header, txs, tx results (the tx index).
 *
 * A block is appended to blocks.jsonl first, then to state.jsonl; the state log decides the height.
 * On load a torn last line (crash mid-write) is cut off, and blocks beyond the state height are
 * dropped, so a crash at any point leaves a loadable chain at the last fully written block.
 */

export interface Snapshot {
  height: number;
  time: string;
  appHash: string;
  entries: [string, unknown][];
}

interface StateLine {
  h: number;
  t: string;
  appHash: string;
  set: [string, unknown][];
  del: string[];
}

interface SerializedTxResult extends Omit<TxResult, "data"> {
  data: string;
}
interface BlockLine {
  block: Omit<DevnetBlock, "txs"> & { txs: string[] };
  results: Omit<BlockResults, "txResults"> & { txResults: SerializedTxResult[] };
}

export interface LoadedChain {
  genesis: Record<string, unknown>;
  snapshot: Snapshot;
  /** State change sets after the snapshot, in height order. */
  stateLines: { height: number; time: string; appHash: string; set: [string, unknown][]; del: string[] }[];
  blocks: { block: DevnetBlock; results: BlockResults }[];
}

const b64 = (u: Uint8Array) => Buffer.from(u).toString("base64");
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));

/** Reads a JSON-lines file; cuts the file at the first line that does not parse (a torn write). */
function readLines<T>(file: string, accept: (value: T, index: number) => boolean): T[] {
  if (!fs.existsSync(file)) return [];
  const buf = fs.readFileSync(file);
  const out: T[] = [];
  let offset = 0;
  let goodEnd = 0;
  while (offset < buf.length) {
    const nl = buf.indexOf(10, offset);
    if (nl === -1) break; // no newline: torn last line
    const text = buf.subarray(offset, nl).toString("utf8");
    let value: T;
    try {
      value = JSON.parse(text) as T;
    } catch {
      break;
    }
    if (!accept(value, out.length)) break;
    out.push(value);
    offset = nl + 1;
    goodEnd = offset;
  }
  if (goodEnd < buf.length) {
    console.warn(`[devnet] ${path.basename(file)}: dropping ${buf.length - goodEnd} bytes of an incomplete write`);
    fs.truncateSync(file, goodEnd);
  }
  return out;
}

function writeFileAtomic(file: string, data: string): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dfd = fs.openSync(path.dirname(file), "r");
    fs.fsyncSync(dfd);
    fs.closeSync(dfd);
  } catch {
    // Directory fsync is not supported everywhere; the rename is still atomic.
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class ChainPersistence {
  private blocksFd: number | undefined;
  private stateFd: number | undefined;
  private stateBytes = 0;
  private blocksSinceSnapshot = 0;

  constructor(readonly dir: string) {}

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  /**
   * Takes the data dir for this process (a `LOCK` file with our pid). Two nodes writing the same
   * logs would corrupt them; a lock left by a process that no longer runs is taken over.
   */
  lock(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.file("LOCK");
    try {
      const pid = Number(fs.readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new Error(`devnet data dir ${this.dir} is in use by process ${pid}; stop that devnet or use another --data-dir`);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    fs.writeFileSync(file, String(process.pid));
  }

  unlock(): void {
    try {
      if (fs.readFileSync(this.file("LOCK"), "utf8").trim() === String(process.pid)) fs.rmSync(this.file("LOCK"));
    } catch {
      // Already gone.
    }
  }

  /** Deletes the devnet's files in the data dir (--reset). */
  reset(): void {
    for (const f of ["genesis.json", "snapshot.json", "snapshot.json.tmp", "state.jsonl", "blocks.jsonl"]) fs.rmSync(this.file(f), { force: true });
  }

  exists(): boolean {
    return fs.existsSync(this.file("genesis.json")) && fs.existsSync(this.file("snapshot.json"));
  }

  /** Writes genesis and the height-0 snapshot of a new chain. */
  init(genesis: Record<string, unknown>, snapshot: Snapshot): void {
    fs.mkdirSync(this.dir, { recursive: true });
    fs.rmSync(this.file("state.jsonl"), { force: true });
    fs.rmSync(this.file("blocks.jsonl"), { force: true });
    writeFileAtomic(this.file("snapshot.json"), JSON.stringify(snapshot));
    writeFileAtomic(this.file("genesis.json"), JSON.stringify(genesis, null, 2));
  }

  load(): LoadedChain {
    const genesis = JSON.parse(fs.readFileSync(this.file("genesis.json"), "utf8")) as Record<string, unknown>;
    const snapshot = JSON.parse(fs.readFileSync(this.file("snapshot.json"), "utf8")) as Snapshot;
    // State lines must continue the snapshot height by height; older lines (a crash between
    // snapshot rename and log truncation) are skipped.
    let expect = snapshot.height + 1;
    const lines = readLines<StateLine>(this.file("state.jsonl"), (l) => {
      if (l.h <= snapshot.height) return true;
      if (l.h !== expect) return false;
      expect++;
      return true;
    }).filter((l) => l.h > snapshot.height);
    const height = lines.length > 0 ? lines[lines.length - 1]!.h : snapshot.height;
    const blockLines = readLines<BlockLine>(this.file("blocks.jsonl"), (l, i) => l.block.header.height === i + 1 && l.block.header.height <= height);
    if (blockLines.length < height) {
      throw new Error(`devnet data in ${this.dir} is inconsistent: state at height ${height} but only ${blockLines.length} blocks; start with --reset`);
    }
    return {
      genesis,
      snapshot,
      stateLines: lines.map((l) => ({ height: l.h, time: l.t, appHash: l.appHash, set: l.set, del: l.del })),
      blocks: blockLines.map((l) => ({
        block: { ...l.block, txs: l.block.txs.map(unb64) },
        results: { ...l.results, txResults: l.results.txResults.map((r) => ({ ...r, data: unb64(r.data) })) },
      })),
    };
  }

  private open(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    this.blocksFd ??= fs.openSync(this.file("blocks.jsonl"), "a");
    if (this.stateFd === undefined) {
      this.stateFd = fs.openSync(this.file("state.jsonl"), "a");
      this.stateBytes = fs.fstatSync(this.stateFd).size;
    }
  }

  /** Appends one committed block: the block record first, then its state changes. */
  appendBlock(block: DevnetBlock, results: BlockResults, changes: Map<string, Change>): void {
    this.open();
    const line: BlockLine = {
      block: { ...block, txs: block.txs.map(b64) },
      results: { ...results, txResults: results.txResults.map((r) => ({ ...r, data: b64(r.data), events: r.events as ChainEvent[] })) },
    };
    fs.writeSync(this.blocksFd!, JSON.stringify(line) + "\n");
    const set: [string, unknown][] = [];
    const del: string[] = [];
    for (const [k, v] of changes) {
      if (v === DELETED) del.push(k);
      else set.push([k, v]);
    }
    const state: StateLine = { h: block.header.height, t: block.header.time, appHash: results.appHash, set, del };
    const text = JSON.stringify(state) + "\n";
    fs.writeSync(this.stateFd!, text);
    this.stateBytes += text.length;
    this.blocksSinceSnapshot++;
  }

  /** Whether the state log has grown enough to fold it into a new snapshot. */
  wantsSnapshot(): boolean {
    return this.blocksSinceSnapshot >= 1000 || this.stateBytes > 64 * 1024 * 1024;
  }

  /** Writes a full snapshot atomically, then empties the state log. */
  writeSnapshot(snapshot: Snapshot): void {
    this.open();
    fs.fsyncSync(this.blocksFd!);
    writeFileAtomic(this.file("snapshot.json"), JSON.stringify(snapshot));
    fs.ftruncateSync(this.stateFd!, 0);
    this.stateBytes = 0;
    this.blocksSinceSnapshot = 0;
  }

  /** Flushes and closes the logs. */
  close(): void {
    for (const fd of [this.blocksFd, this.stateFd]) {
      if (fd !== undefined) {
        fs.fsyncSync(fd);
        fs.closeSync(fd);
      }
    }
    this.blocksFd = undefined;
    this.stateFd = undefined;
  }
}

