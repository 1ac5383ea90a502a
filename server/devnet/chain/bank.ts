import type { BankKeeper, ChainConfig, Coin, KVStore, TxContext } from "./types.ts";
import { sdkErrors } from "./errors.ts";
import { coinsToString, normalizeCoins } from "./coins.ts";
import { moduleAddress as deriveModuleAddress, requireAddress } from "./address.ts";
import { ensureAccount, hasAccount } from "./accounts.ts";

/**
 * x/bank state: balances under `bank/bal/<addr>/<denom>` and supply under `bank/supply/<denom>`,
 * both as integer strings (zero balances are deleted, like the SDK).
 */
const BAL = "bank/bal/";
const SUPPLY = "bank/supply/";

export function balanceKey(address: string, denom: string): string {
  return `${BAL}${address}/${denom}`;
}

export function supplyOf(store: KVStore, denom: string): bigint {
  return BigInt(store.get<string>(SUPPLY + denom) ?? "0");
}

export function totalSupply(store: KVStore): Coin[] {
  const out: Coin[] = [];
  for (const [key, amount] of store.iterate<string>(SUPPLY)) out.push({ denom: key.slice(SUPPLY.length), amount });
  return out;
}

function setSupply(store: KVStore, denom: string, amount: bigint): void {
  if (amount === 0n) store.delete(SUPPLY + denom);
  else store.set(SUPPLY + denom, amount.toString());
}

export interface DevnetBankKeeper extends BankKeeper {
  /** Module name for a module account address, if known. */
  moduleName(address: string): string | undefined;
  /** Genesis: credit an account without events (supply is increased). */
  genesisCredit(store: KVStore, address: string, coins: Coin[]): void;
}

/** Modules whose accounts may receive funds only through module logic (x/bank blocked addresses). */
export function createBankKeeper(config: ChainConfig): DevnetBankKeeper {
  const moduleByAddress = new Map<string, string>();
  const addressByModule = new Map<string, string>();

  function moduleAddress(name: string): string {
    let addr = addressByModule.get(name);
    if (addr === undefined) {
      addr = deriveModuleAddress(name);
      addressByModule.set(name, addr);
      moduleByAddress.set(addr, name);
    }
    return addr;
  }
  // Register the SDK's standard module accounts so their addresses are recognised from the start.
  for (const m of ["fee_collector", "distribution", "mint", "bonded_tokens_pool", "not_bonded_tokens_pool", "gov", "transfer"]) moduleAddress(m);

  function balance(store: KVStore, address: string, denom: string): bigint {
    return BigInt(store.get<string>(balanceKey(address, denom)) ?? "0");
  }

  function setBalance(store: KVStore, address: string, denom: string, amount: bigint): void {
    if (amount === 0n) store.delete(balanceKey(address, denom));
    else store.set(balanceKey(address, denom), amount.toString());
  }

  function allBalances(store: KVStore, address: string): Coin[] {
    const prefix = `${BAL}${address}/`;
    const out: Coin[] = [];
    for (const [key, amount] of store.iterate<string>(prefix)) out.push({ denom: key.slice(prefix.length), amount });
    return out;
  }

  function ensureRecipient(store: KVStore, address: string): void {
    if (hasAccount(store, address)) return;
    const name = moduleByAddress.get(address);
    ensureAccount(store, address, name === undefined ? undefined : { name, permissions: [] });
  }

  /** subUnlockedCoins: checks every coin first so a failure changes nothing. */
  function subCoins(store: KVStore, address: string, coins: Coin[]): void {
    for (const c of coins) {
      const have = balance(store, address, c.denom);
      if (have < BigInt(c.amount)) {
        throw sdkErrors.insufficientFunds(`spendable balance ${have}${c.denom} is smaller than ${c.amount}${c.denom}`);
      }
    }
    for (const c of coins) setBalance(store, address, c.denom, balance(store, address, c.denom) - BigInt(c.amount));
  }

  function addCoins(store: KVStore, address: string, coins: Coin[]): void {
    for (const c of coins) setBalance(store, address, c.denom, balance(store, address, c.denom) + BigInt(c.amount));
  }

  function checkCoins(coins: Coin[]): Coin[] {
    for (const c of coins) {
      if (!/^\d+$/.test(c.amount)) throw sdkErrors.invalidCoins(`${c.amount}${c.denom}`);
    }
    return normalizeCoins(coins);
  }

  return {
    balance,
    allBalances,
    moduleAddress,
    moduleName: (address) => moduleByAddress.get(address),
    isSendEnabled: (denom) => denom !== config.actDenom,

    send(ctx: TxContext, from: string, to: string, coins: Coin[]): void {
      requireAddress(from, "from address");
      requireAddress(to, "to address");
      const amt = checkCoins(coins);
      const amount = coinsToString(amt);
      subCoins(ctx.store, from, amt);
      ctx.events.emit("coin_spent", { spender: from, amount });
      addCoins(ctx.store, to, amt);
      ctx.events.emit("coin_received", { receiver: to, amount });
      ensureRecipient(ctx.store, to);
      ctx.events.emit("transfer", { recipient: to, sender: from, amount });
      ctx.events.emit("message", { sender: from });
    },

    mint(ctx: TxContext, to: string, coins: Coin[]): void {
      requireAddress(to, "recipient");
      const amt = checkCoins(coins);
      const amount = coinsToString(amt);
      addCoins(ctx.store, to, amt);
      ensureRecipient(ctx.store, to);
      for (const c of amt) setSupply(ctx.store, c.denom, supplyOf(ctx.store, c.denom) + BigInt(c.amount));
      ctx.events.emit("coin_received", { receiver: to, amount });
      ctx.events.emit("coinbase", { minter: to, amount });
    },

    burn(ctx: TxContext, from: string, coins: Coin[]): void {
      requireAddress(from, "burner");
      const amt = checkCoins(coins);
      const amount = coinsToString(amt);
      subCoins(ctx.store, from, amt);
      for (const c of amt) setSupply(ctx.store, c.denom, supplyOf(ctx.store, c.denom) - BigInt(c.amount));
      ctx.events.emit("coin_spent", { spender: from, amount });
      ctx.events.emit("burn", { burner: from, amount });
    },

    genesisCredit(store: KVStore, address: string, coins: Coin[]): void {
      const amt = checkCoins(coins);
      addCoins(store, address, amt);
      ensureRecipient(store, address);
      for (const c of amt) setSupply(store, c.denom, supplyOf(store, c.denom) + BigInt(c.amount));
    },
  };
}
