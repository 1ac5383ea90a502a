import { describe, expect, it } from "vitest";
import type { NetworkId } from "@/lib/networks/networks";
import { deploymentNameOf, mergeImportedLabels, parseLabelMap, teamDeploymentLabels, withLabel, type LabelMap } from "./deployment-names";

const ALICE = "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5";
const BOB = "akash15cpkukv6gft3kjg603vyr9zlgtm84zd9eltyxx";

describe("deployment names", () => {
  it("reads back only valid labels from storage", () => {
    const map = parseLabelMap({ [`${ALICE}/12`]: "  web  ", [`${BOB}/x`]: "bad dseq", "akash1nope/3": "bad owner", [`${ALICE}/13`]: "", [`${ALICE}/14`]: 5, [`${ALICE}/15/1`]: "extra", [`${BOB}/16`]: "y".repeat(81) });
    expect([...map]).toEqual([[`${ALICE}/12`, "web"]]);
    expect(parseLabelMap(["x"]).size).toBe(0);
    expect(parseLabelMap(null).size).toBe(0);
  });

  it("sets, trims and clears a label without touching the map it was given", () => {
    const before: LabelMap = new Map([[`${ALICE}/1`, "a"]]);
    const after = withLabel(before, BOB, "2", "  api  ");
    expect([...after]).toEqual([[`${ALICE}/1`, "a"], [`${BOB}/2`, "api"]]);
    expect(before.size).toBe(1);
    expect([...withLabel(after, ALICE, "1", "   ")]).toEqual([[`${BOB}/2`, "api"]]);
    expect(withLabel(after, ALICE, "3", "z".repeat(200)).get(`${ALICE}/3`)).toHaveLength(80);
  });

  it("names a deployment by its saved SDL first, its label otherwise", () => {
    const records: LabelMap = new Map([[`${ALICE}/1`, "from sdl"]]);
    const labels: LabelMap = new Map([[`${ALICE}/1`, "label"], [`${BOB}/2`, "bob's"]]);
    expect(deploymentNameOf(records, labels, ALICE, "1")).toEqual({ name: "from sdl", source: "record" });
    expect(deploymentNameOf(records, labels, BOB, "2")).toEqual({ name: "bob's", source: "label" });
    expect(deploymentNameOf(records, labels, BOB, "3")).toBeNull();
  });

  it("exports the members' labels on every network and this network's saved names, nobody else's", () => {
    const CAROL = "akash1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn7hzdtn";
    const labels = new Map<NetworkId, LabelMap>([
      ["mainnet", new Map([[`${BOB}/9`, "bob main"], [`${CAROL}/4`, "not in the team"]])],
      ["devnet", new Map([[`${ALICE}/1`, "old label"], [`${BOB}/2`, "bob dev"]])],
    ]);
    const out = teamDeploymentLabels([ALICE, BOB], labels, { network: "devnet", recordNames: new Map([[`${ALICE}/1`, "web"], [`${CAROL}/5`, "x"]]) });
    // Sorted by network, owner, dseq (a stable file): akash15… before akash1d….
    expect(out).toEqual([
      { network: "devnet", owner: BOB, dseq: "2", label: "bob dev" },
      { network: "devnet", owner: ALICE, dseq: "1", label: "web" },
      { network: "mainnet", owner: BOB, dseq: "9", label: "bob main" },
    ]);
  });

  it("merges imported labels over the stored ones, per network", () => {
    const stored = (n: NetworkId): LabelMap => (n === "devnet" ? new Map([[`${ALICE}/1`, "mine"], [`${ALICE}/2`, "kept"]]) : new Map());
    const merged = mergeImportedLabels(
      [
        { network: "devnet", owner: ALICE, dseq: "1", label: "theirs" },
        { network: "sandbox", owner: BOB, dseq: "7", label: "sb" },
      ],
      stored,
    );
    expect([...merged.get("devnet")!]).toEqual([[`${ALICE}/1`, "theirs"], [`${ALICE}/2`, "kept"]]);
    expect([...merged.get("sandbox")!]).toEqual([[`${BOB}/7`, "sb"]]);
    expect(merged.has("mainnet")).toBe(false);
  });
});
