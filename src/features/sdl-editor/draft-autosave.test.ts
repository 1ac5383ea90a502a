import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { indexedDbBlobStore, type BlobStore } from "@/lib/storage/blob-store";
import { MemoryStorage } from "@/lib/storage/memory-storage";
import { DraftAutosave, type DraftSaveState } from "./draft-autosave";
import { DraftStore } from "./drafts";

const KEY = "akash-console:sdl-draft:scratch";
const DELAY = 300;
const small = (n = 0) => `version: "2.0"\n# draft ${n}\n`;
const large = (c = "x") => `# ${c.repeat(5 * 1024 * 1024)}\n`;

/** An IndexedDB whose writes take `ms` of (fake) time each, as on a busy machine. */
function slowBlobs(inner: BlobStore, ms: number): BlobStore {
  return {
    get: (k) => inner.get(k),
    put: (k, v) => new Promise<void>((resolve, reject) => setTimeout(() => inner.put(k, v).then(resolve, reject), ms)),
    delete: (k) => inner.delete(k),
  };
}

function setup(options: { writeMs?: number; initialText?: string; initialStored?: boolean; baseline?: string } = {}) {
  const storage = new MemoryStorage();
  const factory = new IDBFactory();
  const blobs = slowBlobs(indexedDbBlobStore("drafts", "drafts", factory), options.writeMs ?? 0);
  const store = new DraftStore(storage, blobs);
  const states: DraftSaveState[] = [];
  const autosave = new DraftAutosave({
    store,
    key: KEY,
    baseline: options.baseline,
    initialText: options.initialText ?? small(0),
    initialStored: options.initialStored ?? false,
    delayMs: DELAY,
    onState: (s) => states.push(s),
  });
  /** What a reload would show: a new store over the same storage. */
  const reload = async () => (await new DraftStore(storage, indexedDbBlobStore("drafts", "drafts", factory)).load(KEY))?.text;
  return { autosave, states, last: () => states.at(-1), reload, store };
}

/** Advance fake time and let IndexedDB (setImmediate, not faked) and promises run. */
async function advance(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("DraftAutosave", () => {
  it("does not claim 'saved' for new text while an earlier save's message is on screen (the 5 MB import)", async () => {
    const { autosave, last, reload } = setup({ writeMs: 2_000 });
    autosave.change(small(1));
    await advance(DELAY);
    expect(last()?.kind).toBe("saved");

    autosave.change(large());
    // At once, before any write: the indicator stops saying "saved".
    expect(last()?.kind).toBe("saving");
    await advance(DELAY + 1_000);
    expect(last()?.kind).toBe("saving");
    expect(await reload()).toBe(small(1));
    await advance(1_000);
    expect(last()?.kind).toBe("saved");
    expect(await reload()).toBe(large());
  });

  it("large then small in quick succession: the small one is what is saved and restored", async () => {
    const { autosave, last, reload } = setup({ writeMs: 2_000 });
    autosave.change(large());
    await advance(DELAY); // The large write has started.
    autosave.change(small(2));
    await advance(DELAY); // The small one commits at once.
    expect(last()?.kind).toBe("saved");
    await advance(3_000); // The large write finishes late and must not win.
    expect(last()?.kind).toBe("saved");
    expect(await reload()).toBe(small(2));
  });

  it("going back to the saved text while a newer write is in flight still ends with that text stored", async () => {
    const { autosave, last, reload } = setup({ writeMs: 2_000, initialText: small(0), initialStored: true });
    autosave.change(large());
    await advance(DELAY); // The large write is in flight.
    autosave.change(small(0)); // Undo back to what was stored.
    expect(last()?.kind).toBe("saving");
    await advance(DELAY + 3_000);
    expect(last()?.kind).toBe("saved");
    expect(await reload()).toBe(small(0));
  });

  it("flush (the page hides) writes at once instead of waiting for the pause in typing", async () => {
    const { autosave, reload, last } = setup();
    autosave.change(small(3));
    autosave.flush();
    await advance(0);
    expect(await reload()).toBe(small(3));
    expect(last()?.kind).toBe("saved");
  });

  it("dispose (leaving the page mid-typing) writes what was typed", async () => {
    const { autosave, reload } = setup();
    autosave.change(small(4));
    autosave.dispose();
    await advance(0);
    expect(await reload()).toBe(small(4));
  });

  it("reaching the template text again discards the draft", async () => {
    const { autosave, reload, last } = setup({ baseline: small(0) });
    autosave.change(small(5));
    await advance(DELAY);
    expect(await reload()).toBe(small(5));
    autosave.change(small(0));
    await advance(DELAY);
    expect(last()?.kind).toBe("idle");
    expect(await reload()).toBeUndefined();
  });

  it("a restored draft is not written again on start", async () => {
    const { autosave, states } = setup({ initialText: small(6), initialStored: true });
    autosave.change(small(6));
    await advance(DELAY);
    expect(states).toEqual([]);
  });

  it("reports a failed write for the text on screen", async () => {
    const states: DraftSaveState[] = [];
    const autosave = new DraftAutosave({
      store: { save: async () => ({ ok: false, error: "disk full" }), clear: async () => undefined },
      key: KEY,
      initialText: "",
      initialStored: false,
      delayMs: DELAY,
      onState: (s) => states.push(s),
    });
    autosave.change("a");
    await advance(DELAY);
    expect(states.at(-1)).toEqual({ kind: "error", error: "disk full" });
  });

  it("random edits of every size: whenever 'saved' shows, a reload restores exactly the text on screen", async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 4; round++) {
      const { autosave, last, reload } = setup({ writeMs: 700 });
      let onScreen = small(0);
      let checks = 0;
      for (let step = 0; step < 30; step++) {
        const r = random();
        if (r < 0.45) onScreen = small(step);
        else if (r < 0.6) onScreen = large(String.fromCharCode(97 + (step % 26))).slice(0, 300_000 + step);
        else if (r < 0.7) autosave.flush();
        if (r < 0.6) autosave.change(onScreen);
        await advance(Math.floor(random() * 1_200));
        if (last()?.kind === "saved") {
          expect(await reload()).toBe(onScreen);
          checks++;
        }
      }
      autosave.flush();
      await advance(5_000);
      expect(last()?.kind).toBe("saved");
      expect(await reload()).toBe(onScreen);
      expect(checks).toBeGreaterThan(0);
    }
  });
});
