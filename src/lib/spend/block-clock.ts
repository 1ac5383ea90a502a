/**
 * Heights ↔ times without an indexer: which block is the first of a day (or any instant), from a few block headers.
 *
 * Block times are monotone in height, so for an instant t the answer h*(t) = min{h : time(h) ≥ t} lies in any bracket
 * (lo, hi] with time(lo) < t ≤ time(hi). Between two fetched headers we interpolate linearly:
 *
 *     ĥ(t) = lo + ⌈(t − time(lo)) · (hi − lo) / (time(hi) − time(lo))⌉,   clamped to [lo + 1, hi]
 *
 * and fetch the header at ĥ, which splits the bracket; a second "guard" probe a little past the predicted answer on the
 * other side closes it from both ends (block intervals are nearly constant, so one or two fetches per boundary
 * usually suffice). We stop when hi − lo − 1 ≤ toleranceBlocks (or the fetch budget is spent).
 *
 * Error bound (no assumption on block times): |ĥ − h*| ≤ hi − lo − 1 = `errorBlocks`. A block placed in the wrong day
 * moves at most one block's price from one day to its neighbour; totals over a range whose bounds are exact (or over
 * the leases' whole lives) are unaffected. The caller multiplies errorBlocks by the rate to state the bound in money.
 *
 * Nodes prune old blocks: a header below the node's lowest height is refused ("height N is not available, lowest
 * height is M"). The clock then learns the lowest height, and an instant before its time is reported as `pruned`.
 *
 * Many instants at once (`heightsAt`, a range's day boundaries): first a handful of anchors, headers at the heights
 * interpolated for instants spread evenly over the span, fetched in parallel, so every later bracket is at most a
 * few days wide instead of the whole chain; then rounds in which each instant still known more loosely than its
 * tolerance gets its next probe or guard as above, every round's headers fetched in parallel (bounded concurrency, one
 * fetch per height whichever instants ask for it), and every header fetched narrows every instant's bracket. An instant is refined only while its bracket
 * (the spread between the fetched headers around it) is wider than its tolerance, so the bound above holds for every
 * answer; where interpolation fails to halve a bracket (uneven block times, a halt) the next probe bisects.
 */

export interface HeaderPoint {
  height: number;
  /** Block time, ms since the epoch. */
  timeMs: number;
}

/** Fetches one header; throws `PrunedHeightError` for a height the node no longer serves. */
export type HeaderSource = (height: number) => Promise<HeaderPoint>;

export class PrunedHeightError extends Error {
  /** The node's lowest served height when it says so. */
  readonly lowestHeight: number | null;
  readonly height: number;
  constructor(height: number, lowestHeight: number | null) {
    super(`The node has pruned block ${height}${lowestHeight ? ` (its lowest height is ${lowestHeight})` : ""}`);
    this.name = "PrunedHeightError";
    this.height = height;
    this.lowestHeight = lowestHeight;
  }
}

export interface HeightAtTime {
  timeMs: number;
  /** Estimated first height whose block time is ≥ timeMs (latest + 1 when the instant is after the latest block). */
  height: number;
  /** The true answer lies in [height − errorBlocks, height + errorBlocks]. */
  errorBlocks: number;
  /** The instant is before the node's lowest served block (and the chain started earlier): the height is unknown. */
  pruned: boolean;
}

export interface HeightRequest {
  timeMs: number;
  /** Stop refining once known to within this many blocks (default: the clock's tolerance). */
  toleranceBlocks?: number;
}

export interface HeightsAtOptions {
  /** Header fetches in flight at once (default 6, a browser's connections per host). */
  concurrency?: number;
  /** Anchors fetched before refining (default 8). */
  anchors?: number;
}

export interface BlockClockOptions {
  /** Stop refining a boundary once it is known to within this many blocks (default 0: exact). */
  toleranceBlocks?: number;
  /** Most header fetches for the clock's lifetime (default 2,000). */
  maxFetches?: number;
}

export class BlockClock {
  readonly latest: HeaderPoint;
  private readonly source: HeaderSource;
  private readonly tolerance: number;
  private readonly maxFetches: number;
  /** height → time of every header fetched so far, kept sorted by height on demand. */
  private readonly known = new Map<number, number>();
  private sorted: HeaderPoint[] | null = null;
  private lowest: HeaderPoint | null = null;
  private lowestIsGenesis = false;
  private lowestPending: Promise<void> | null = null;
  /** Fetches in flight by height, so concurrent lookups share one request. */
  private readonly inFlight = new Map<number, Promise<number>>();
  private fetchCount = 0;

  constructor(source: HeaderSource, latest: HeaderPoint, options: BlockClockOptions = {}) {
    this.source = source;
    this.latest = latest;
    this.tolerance = Math.max(0, Math.floor(options.toleranceBlocks ?? 0));
    this.maxFetches = options.maxFetches ?? 2000;
    this.remember(latest);
  }

  /** Headers fetched (the latest one given to the constructor not counted). */
  get fetches(): number {
    return this.fetchCount;
  }

  /** The lowest height the node serves (1 unless it prunes); known after the first lookup. */
  get lowestHeight(): number | null {
    return this.lowest?.height ?? null;
  }

  /** Time of a height, fetched once. */
  async timeOf(height: number): Promise<number> {
    const cached = this.known.get(height);
    if (cached !== undefined) return cached;
    const pending = this.inFlight.get(height);
    if (pending) return pending;
    if (this.fetchCount >= this.maxFetches) throw new Error(`Block clock: fetch budget of ${this.maxFetches} headers spent`);
    this.fetchCount++;
    const fetching = this.source(height).then(
      (header) => {
        this.inFlight.delete(height);
        if (header.height !== height) throw new Error(`Block clock: asked for block ${height}, the node sent block ${header.height}`);
        this.remember(header);
        return header.timeMs;
      },
      (error: unknown) => {
        this.inFlight.delete(height);
        throw error;
      },
    );
    this.inFlight.set(height, fetching);
    return fetching;
  }

  /** Mean seconds per block between two fetched heights (from the lowest to the latest once known). */
  secondsPerBlock(): number {
    const pts = this.points();
    const first = pts[0]!;
    const last = pts[pts.length - 1]!;
    if (last.height === first.height) throw new Error("Block clock: need two headers to measure the block time");
    return (last.timeMs - first.timeMs) / 1000 / (last.height - first.height);
  }

  /** The first height whose block time is ≥ timeMs (see the header for the method and its bound). */
  async heightAt(timeMs: number, toleranceBlocks = this.tolerance): Promise<HeightAtTime> {
    await this.findLowest();
    if (timeMs > this.latest.timeMs) return { timeMs, height: this.latest.height + 1, errorBlocks: 0, pruned: false };
    const lowest = this.lowest!;
    if (timeMs <= lowest.timeMs) return { timeMs, height: lowest.height, errorBlocks: 0, pruned: !this.lowestIsGenesis };
    const tolerance = Math.max(0, Math.floor(toleranceBlocks));
    for (;;) {
      const { lo, hi } = this.bracket(timeMs);
      const gap = hi.height - lo.height - 1;
      const estimate = interpolate(lo, hi, timeMs);
      if (gap <= tolerance || this.fetchCount + 1 > this.maxFetches) return { timeMs, height: estimate, errorBlocks: gap, pruned: false };
      const probe = Math.min(hi.height - 1, estimate);
      const probeTime = await this.timeOf(probe);
      // Guard probe on the far side of the prediction, so the bracket closes from both ends.
      const msPerBlock = (hi.timeMs - lo.timeMs) / (hi.height - lo.height);
      const margin = Math.ceil(tolerance / 2) + 1;
      const predicted = Math.ceil((timeMs - probeTime) / msPerBlock);
      if (probeTime < timeMs) {
        const guard = probe + predicted + margin;
        if (guard < hi.height && this.fetchCount < this.maxFetches) await this.timeOf(guard);
      } else {
        const guard = probe + predicted - margin;
        if (guard > lo.height && this.fetchCount < this.maxFetches) await this.timeOf(guard);
      }
    }
  }

  /**
   * Many instants: anchors spread over their span first, then rounds in which every instant still too loosely known
   * gets a probe (or, the round after, its guard), all fetched in parallel. The probe interpolates, unless the
   * instant's last probe and guard did not halve its bracket (block times far from uniform, e.g. around a halt): then
   * it bisects, so no instant needs more than ≈ 2·log2(bracket) headers.
   */
  async heightsAt(requests: ReadonlyArray<HeightRequest>, options: HeightsAtOptions = {}): Promise<HeightAtTime[]> {
    await this.findLowest();
    const lowest = this.lowest!;
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 6));
    const fetchAll = async (heights: Iterable<number>): Promise<void> => {
      const fresh = [...new Set(heights)].filter((h) => !this.known.has(h)).slice(0, Math.max(0, this.maxFetches - this.fetchCount));
      await mapLimited(fresh, concurrency, (h) => this.timeOf(h));
    };
    const wanted = requests
      .map((r) => ({ timeMs: r.timeMs, tolerance: Math.max(0, Math.floor(r.toleranceBlocks ?? this.tolerance)), lastGap: Infinity, probe: null as number | null }))
      .filter((w) => w.timeMs > lowest.timeMs && w.timeMs <= this.latest.timeMs)
      .sort((a, b) => a.timeMs - b.timeMs);
    const anchorCount = Math.min(wanted.length, Math.max(0, Math.floor(options.anchors ?? 8)));
    if (anchorCount > 0) {
      // Evenly spread instants (the first and last among them), each at its height interpolated from what is known.
      const picks = anchorCount === 1 ? [wanted[0]!] : Array.from({ length: anchorCount }, (_, i) => wanted[Math.round((i * (wanted.length - 1)) / (anchorCount - 1))]!);
      const heights: number[] = [];
      for (const w of picks) {
        const { lo, hi } = this.bracket(w.timeMs);
        if (hi.height - lo.height > 1) heights.push(Math.min(hi.height - 1, interpolate(lo, hi, w.timeMs)));
      }
      await fetchAll(heights);
    }
    while (this.fetchCount < this.maxFetches) {
      const probes: number[] = [];
      for (const w of wanted) {
        const { lo, hi } = this.bracket(w.timeMs);
        const gap = hi.height - lo.height - 1;
        if (gap <= w.tolerance) continue;
        const margin = Math.ceil(w.tolerance / 2) + 1;
        if (w.probe !== null) {
          // Guard on the far side of what the probe predicts, so the bracket closes from both ends.
          const probeTime = this.known.get(w.probe)!;
          const msPerBlock = (hi.timeMs - lo.timeMs) / (hi.height - lo.height);
          const predicted = Math.ceil((w.timeMs - probeTime) / msPerBlock);
          const guard = probeTime < w.timeMs ? w.probe + predicted + margin : w.probe + predicted - margin;
          w.probe = null;
          if (guard > lo.height && guard < hi.height) {
            probes.push(guard);
            continue;
          }
        }
        // Interpolate, unless the last probe and guard did not halve the bracket: then bisect.
        const estimate = gap > w.lastGap / 2 ? lo.height + Math.ceil((hi.height - lo.height) / 2) : interpolate(lo, hi, w.timeMs);
        w.lastGap = gap;
        w.probe = Math.min(hi.height - 1, estimate);
        probes.push(w.probe);
      }
      if (probes.length === 0) break;
      await fetchAll(probes);
    }
    return requests.map((r) => this.answerFor(r.timeMs));
  }

  /** What the headers fetched so far say about an instant (the lowest block is known). */
  private answerFor(timeMs: number): HeightAtTime {
    const lowest = this.lowest!;
    if (timeMs > this.latest.timeMs) return { timeMs, height: this.latest.height + 1, errorBlocks: 0, pruned: false };
    if (timeMs <= lowest.timeMs) return { timeMs, height: lowest.height, errorBlocks: 0, pruned: !this.lowestIsGenesis };
    const { lo, hi } = this.bracket(timeMs);
    return { timeMs, height: interpolate(lo, hi, timeMs), errorBlocks: hi.height - lo.height - 1, pruned: false };
  }

  private remember(h: HeaderPoint): void {
    if (!this.known.has(h.height)) {
      this.known.set(h.height, h.timeMs);
      this.sorted = null;
    }
  }

  private points(): HeaderPoint[] {
    this.sorted ??= [...this.known].map(([height, timeMs]) => ({ height, timeMs })).sort((a, b) => a.height - b.height);
    return this.sorted;
  }

  /** Greatest known header before t and least known header at or after t (both exist once lowest < t ≤ latest). */
  private bracket(timeMs: number): { lo: HeaderPoint; hi: HeaderPoint } {
    const pts = this.points();
    let a = 0;
    let b = pts.length - 1;
    // Invariant: pts[a].timeMs < t ≤ pts[b].timeMs.
    while (b - a > 1) {
      const m = (a + b) >> 1;
      if (pts[m]!.timeMs < timeMs) a = m;
      else b = m;
    }
    return { lo: pts[a]!, hi: pts[b]! };
  }

  /** Height 1, or the node's lowest served height when it has pruned. */
  private async findLowest(): Promise<void> {
    if (this.lowest) return;
    this.lowestPending ??= this.learnLowest();
    await this.lowestPending;
  }

  private async learnLowest(): Promise<void> {
    try {
      this.lowest = { height: 1, timeMs: await this.timeOf(1) };
      this.lowestIsGenesis = true;
    } catch (error) {
      if (!(error instanceof PrunedHeightError) || !error.lowestHeight || error.lowestHeight <= 1) throw error;
      this.lowest = { height: error.lowestHeight, timeMs: await this.timeOf(error.lowestHeight) };
    }
  }
}

function interpolate(lo: HeaderPoint, hi: HeaderPoint, timeMs: number): number {
  if (hi.timeMs === lo.timeMs) return hi.height;
  const raw = lo.height + Math.ceil(((timeMs - lo.timeMs) * (hi.height - lo.height)) / (hi.timeMs - lo.timeMs));
  return Math.min(hi.height, Math.max(lo.height + 1, raw));
}

/** `fn` over `items` with at most `limit` calls pending at once; results in the items' order. */
async function mapLimited<T, R>(items: ReadonlyArray<T>, limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
