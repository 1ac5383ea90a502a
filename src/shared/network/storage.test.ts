import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearNetworkData, globalKey, networkKey, readJson, writeJson } from "./storage";

function setup() {
  const data = new Map<string, string>();
  const storage = {
    get length() {
      return data.size;
    },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, String(v)),
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
  };
  vi.stubGlobal("localStorage", storage);
  return { data };
}

describe("per-network local data", () => {
  beforeEach(() => setup());
  afterEach(() => vi.unstubAllGlobals());

  it("keeps networks apart and clears only the chosen one", () => {
    writeJson(networkKey("devnet", "builtin-wallet"), { address: "akash1dev" });
    writeJson(networkKey("devnet", "last-wallet"), "builtin");
    writeJson(networkKey("mainnet", "last-wallet"), "keplr-extension");
    writeJson(globalKey("network"), { networkId: "devnet" });
    expect(clearNetworkData("devnet")).toBe(2);
    expect(readJson(networkKey("devnet", "builtin-wallet"))).toBeNull();
    expect(readJson(networkKey("mainnet", "last-wallet"))).toBe("keplr-extension");
    expect(readJson(globalKey("network"))).toEqual({ networkId: "devnet" });
  });

  it("treats corrupt JSON as absent", () => {
    localStorage.setItem(networkKey("sandbox", "last-wallet"), "{not json");
    expect(readJson(networkKey("sandbox", "last-wallet"))).toBeNull();
  });
});
