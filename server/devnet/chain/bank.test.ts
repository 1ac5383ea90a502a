import { describe, expect, it } from "vitest";
import { createBankKeeper } from "./bank.ts";
import { MemoryStore } from "./memory-store.ts";
import { DevnetEventManager } from "./events.ts";
import { BasicGasMeter } from "./gas.ts";
import { getAccount } from "./accounts.ts";
import { ChainError } from "./errors.ts";
import type { ChainConfig, TxContext } from "./types.ts";

const config: ChainConfig = {
  chainId: "akash-devnet-1",
  bondDenom: "uakt",
  actDenom: "uact",
  aktPriceUsd: 3,
  minGasPrice: 0.025,
  blockTimeMs: 1000,
  auditorAddress: "",
  legacyUaktPricing: false,
};
const A = "akash1qyqszqgpqyqszqgpqyqszqgpqyqszqgplgve5x";
const B = "akash1qgpqyqszqgpqyqszqgpqyqszqgpqyqszwv2uls";

function ctx(store = new MemoryStore()): TxContext {
  const bank = createBankKeeper(config);
  return { store, height: 1, time: new Date(), config, keepers: { bank }, events: new DevnetEventManager(), gas: new BasicGasMeter(Infinity), signers: [], msgIndex: 0 };
}

describe("bank keeper", () => {
  it("sends coins, creates the recipient account and emits SDK events", () => {
    const c = ctx();
    const bank = createBankKeeper(config);
    bank.genesisCredit(c.store, A, [{ denom: "uakt", amount: "1000" }]);
    bank.send(c, A, B, [{ denom: "uakt", amount: "400" }]);
    expect(bank.balance(c.store, A, "uakt")).toBe(600n);
    expect(bank.balance(c.store, B, "uakt")).toBe(400n);
    expect(getAccount(c.store, B)?.accountNumber).toBe("1");
    expect(c.events.events.map((e) => e.type)).toEqual(["coin_spent", "coin_received", "transfer", "message"]);
    expect(c.events.events[2]!.attributes).toEqual([
      { key: "recipient", value: B, index: true },
      { key: "sender", value: A, index: true },
      { key: "amount", value: "400uakt", index: true },
    ]);
  });

  it("fails with sdk 5 and changes nothing when funds are short", () => {
    const c = ctx();
    const bank = createBankKeeper(config);
    bank.genesisCredit(c.store, A, [{ denom: "uakt", amount: "10" }, { denom: "uact", amount: "5" }]);
    let err: unknown;
    try {
      bank.send(c, A, B, [{ denom: "uakt", amount: "5" }, { denom: "uact", amount: "6" }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChainError);
    expect((err as ChainError).code).toBe(5);
    expect((err as ChainError).message).toBe("spendable balance 5uact is smaller than 6uact: insufficient funds");
    expect(bank.allBalances(c.store, A)).toEqual([{ denom: "uact", amount: "5" }, { denom: "uakt", amount: "10" }]);
  });

  it("mints and burns with supply tracking; uact is not send-enabled", () => {
    const c = ctx();
    const bank = createBankKeeper(config);
    const escrow = bank.moduleAddress("escrow");
    bank.mint(c, escrow, [{ denom: "uact", amount: "100" }]);
    bank.burn(c, escrow, [{ denom: "uact", amount: "30" }]);
    expect(bank.balance(c.store, escrow, "uact")).toBe(70n);
    expect(c.store.get("bank/supply/uact")).toBe("70");
    expect(getAccount(c.store, escrow)?.module?.name).toBe("escrow");
    expect(bank.isSendEnabled("uact")).toBe(false);
    expect(bank.isSendEnabled("uakt")).toBe(true);
  });
});
