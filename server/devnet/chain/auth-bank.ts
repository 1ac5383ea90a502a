import {
  BaseAccount,
  ModuleAccount,
  MsgSend,
  MsgSendResponse,
  QueryAccountRequest,
  QueryAccountResponse,
  QueryAccountsRequest,
  QueryAccountsResponse,
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryDenomMetadataRequest,
  QueryDenomMetadataResponse,
  QueryDenomsMetadataRequest,
  QueryDenomsMetadataResponse,
  QuerySpendableBalancesRequest,
  QuerySpendableBalancesResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  Bank_QueryParamsRequest,
  Bank_QueryParamsResponse,
  QuerySendEnabledRequest,
  QuerySendEnabledResponse,
  QueryModuleAccountsRequest,
  QueryModuleAccountsResponse,
  QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse,
  type Metadata,
} from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { PubKey } from "@akashnetwork/chain-sdk/private-types/cosmos.secp256k1";
import Long from "long";
type Any = { typeUrl: string; value: Uint8Array };
import type { ChainConfig, Coin, Module, MsgHandler, QueryHandler } from "./types.ts";
import { ChainError, sdkErrors } from "./errors.ts";
import { grpcErrors } from "./errors-grpc.ts";
import { getAccount, iterateAccounts, type AccountRecord } from "./accounts.ts";
import { isValidAddress, requireAddress } from "./address.ts";
import { AUTH_GAS } from "./gas.ts";
import { supplyOf, totalSupply, type DevnetBankKeeper } from "./bank.ts";
import { validatePositiveCoins } from "./coins.ts";
import { paginate } from "./pagination.ts";
import { SECP256K1_PUBKEY_URL } from "./tx-decode.ts";

/** Encodes an account record as the Any that x/auth's Account query returns. */
export function accountToAny(acc: AccountRecord): Any {
  const base = BaseAccount.fromPartial({
    address: acc.address,
    pubKey: acc.pubKey ? { typeUrl: SECP256K1_PUBKEY_URL, value: PubKey.encode({ key: Buffer.from(acc.pubKey, "base64") }).finish() } : undefined,
    accountNumber: Long.fromString(acc.accountNumber, true),
    sequence: Long.fromString(acc.sequence, true),
  });
  if (acc.module) {
    return {
      typeUrl: "/cosmos.auth.v1beta1.ModuleAccount",
      value: ModuleAccount.encode(ModuleAccount.fromPartial({ baseAccount: base, name: acc.module.name, permissions: acc.module.permissions })).finish(),
    };
  }
  return { typeUrl: "/cosmos.auth.v1beta1.BaseAccount", value: BaseAccount.encode(base).finish() };
}

export function denomMetadata(config: ChainConfig): Metadata[] {
  return [
    {
      description: "The native staking and fee token of the Akash Network.",
      denomUnits: [
        { denom: config.bondDenom, exponent: 0, aliases: ["microakt"] },
        { denom: "makt", exponent: 3, aliases: ["milliakt"] },
        { denom: "akt", exponent: 6, aliases: [] },
      ],
      base: config.bondDenom,
      display: "akt",
      name: "Akash Network",
      symbol: "AKT",
      uri: "",
      uriHash: "",
    },
    {
      description: "Akash Compute Token: USD-pegged, non-transferable, minted by burning AKT (x/bme).",
      denomUnits: [
        { denom: config.actDenom, exponent: 0, aliases: ["microact"] },
        { denom: "act", exponent: 6, aliases: [] },
      ],
      base: config.actDenom,
      display: "act",
      name: "Akash Compute Token",
      symbol: "ACT",
      uri: "",
      uriHash: "",
    },
  ];
}

function queryAddress(address: string): void {
  if (address === "") throw grpcErrors.invalidArgument("empty address string is not allowed");
  if (!isValidAddress(address)) throw grpcErrors.invalidArgument(`invalid address ${address}`);
}

function msgSendHandler(bank: DevnetBankKeeper): MsgHandler<MsgSend, MsgSendResponse> {
  return {
    typeUrl: "/cosmos.bank.v1beta1.MsgSend",
    aminoType: "cosmos-sdk/MsgSend",
    type: MsgSend,
    responseType: MsgSendResponse,
    signers: (m) => [m.fromAddress],
    handle(ctx, m) {
      // x/bank msg server (SDK 0.50): checks live in the handler, not ValidateBasic.
      requireAddress(m.fromAddress, "from address");
      requireAddress(m.toAddress, "to address");
      const coins: Coin[] = m.amount.map((c) => ({ denom: c.denom, amount: c.amount }));
      validatePositiveCoins(coins);
      for (const c of coins) {
        if (!bank.isSendEnabled(c.denom)) throw new ChainError("bank", 5, `${c.denom} transfers are currently disabled: send transactions are disabled`);
      }
      if (bank.moduleName(m.toAddress) !== undefined) throw sdkErrors.unauthorized(`${m.toAddress} is not allowed to receive funds`);
      bank.send(ctx, m.fromAddress, m.toAddress, coins);
      return {};
    },
  };
}

function q<Req, Res>(h: QueryHandler<Req, Res>): QueryHandler<Req, Res> {
  return h;
}

/** x/auth + x/bank as a devnet Module (MsgSend and the queries cosmjs and the console use). */
export function authBankModule(bank: DevnetBankKeeper): Module {
  const queries: QueryHandler[] = [
    q({
      path: "/cosmos.auth.v1beta1.Query/Account",
      request: QueryAccountRequest,
      response: QueryAccountResponse,
      handle(ctx, req) {
        queryAddress(req.address);
        const acc = getAccount(ctx.store, req.address);
        if (!acc) throw grpcErrors.notFound(`account ${req.address} not found`);
        return { account: accountToAny(acc) };
      },
    }),
    q({
      path: "/cosmos.auth.v1beta1.Query/Accounts",
      request: QueryAccountsRequest,
      response: QueryAccountsResponse,
      handle(ctx, req) {
        const page = paginate(iterateAccounts(ctx.store), (a) => a.address, req.pagination);
        return { accounts: page.items.map(accountToAny), pagination: page.pagination };
      },
    }),
    q({
      path: "/cosmos.bank.v1beta1.Query/Balance",
      request: QueryBalanceRequest,
      response: QueryBalanceResponse,
      handle(ctx, req) {
        queryAddress(req.address);
        if (req.denom === "") throw grpcErrors.invalidArgument("invalid denom");
        return { balance: { denom: req.denom, amount: bank.balance(ctx.store, req.address, req.denom).toString() } };
      },
    }),
    q({
      path: "/cosmos.bank.v1beta1.Query/AllBalances",
      request: QueryAllBalancesRequest,
      response: QueryAllBalancesResponse,
      handle(ctx, req) {
        queryAddress(req.address);
        const page = paginate(bank.allBalances(ctx.store, req.address), (c) => c.denom, req.pagination);
        return { balances: page.items, pagination: page.pagination };
      },
    }),
    q({
      path: "/cosmos.bank.v1beta1.Query/SpendableBalances",
      request: QuerySpendableBalancesRequest,
      response: QuerySpendableBalancesResponse,
      handle(ctx, req) {
        queryAddress(req.address);
        // No vesting or locked coins on the devnet: spendable = all balances.
        const page = paginate(bank.allBalances(ctx.store, req.address), (c) => c.denom, req.pagination);
        return { balances: page.items, pagination: page.pagination };
      },
    }),
    q({
      path: "/cosmos.bank.v1beta1.Query/TotalSupply",
      request: QueryTotalSupplyRequest,
      response: QueryTotalSupplyResponse,
      handle(ctx, req) {
        const page = paginate(totalSupply(ctx.store), (c) => c.denom, req.pagination);
        return { supply: page.items, pagination: page.pagination };
      },
    }),
    q({
      path: "/cosmos.bank.v1beta1.Query/SupplyOf",
      request: QuerySupplyOfRequest,
      response: QuerySupplyOfResponse,
      handle(ctx, req) {
        if (req.denom === "") throw grpcErrors.invalidArgument("invalid denom");
        return { amount: { denom: req.denom, amount: supplyOf(ctx.store, req.denom).toString() } };
      },
    }),
    q({
      path: "/cosmos.bank.v1beta1.Query/DenomMetadata",
      request: QueryDenomMetadataRequest,
      response: QueryDenomMetadataResponse,
      handle(ctx, req) {
        const md = denomMetadata(ctx.config).find((m) => m.base === req.denom);
        if (!md) throw grpcErrors.notFound(`client metadata for denom ${req.denom}`);
        return { metadata: md };
      },
    }),
    q({
      path: "/cosmos.bank.v1beta1.Query/DenomsMetadata",
      request: QueryDenomsMetadataRequest,
      response: QueryDenomsMetadataResponse,
      handle(ctx) {
        const all = denomMetadata(ctx.config);
        return { metadatas: all, pagination: { nextKey: new Uint8Array(), total: Long.fromNumber(all.length, true) } };
      },
    }),
    q({
      path: "/cosmos.bank.v1beta1.Query/SpendableBalanceByDenom",
      request: QuerySpendableBalanceByDenomRequest,
      response: QuerySpendableBalanceByDenomResponse,
      handle(ctx, req) {
        queryAddress(req.address);
        if (req.denom === "") throw grpcErrors.invalidArgument("invalid denom");
        return { balance: { denom: req.denom, amount: bank.balance(ctx.store, req.address, req.denom).toString() } };
      },
    }),
    q({
      path: "/cosmos.auth.v1beta1.Query/Params",
      request: QueryParamsRequest,
      response: QueryParamsResponse,
      handle() {
        const n = (v: number) => Long.fromNumber(v, true);
        return {
          params: {
            maxMemoCharacters: n(AUTH_GAS.maxMemoCharacters),
            txSigLimit: n(AUTH_GAS.txSigLimit),
            txSizeCostPerByte: n(AUTH_GAS.txSizeCostPerByte),
            sigVerifyCostEd25519: n(AUTH_GAS.sigVerifyCostEd25519),
            sigVerifyCostSecp256k1: n(AUTH_GAS.sigVerifyCostSecp256k1),
          },
        };
      },
    }),
    q({
      path: "/cosmos.auth.v1beta1.Query/ModuleAccounts",
      request: QueryModuleAccountsRequest,
      response: QueryModuleAccountsResponse,
      handle(ctx) {
        return { accounts: [...iterateAccounts(ctx.store)].filter((a) => a.module).map(accountToAny) };
      },
    }),
    q({
      path: "/cosmos.bank.v1beta1.Query/Params",
      request: Bank_QueryParamsRequest,
      response: Bank_QueryParamsResponse,
      handle() {
        // SDK 0.50 keeps per-denom send_enabled outside Params (see Query/SendEnabled).
        return { params: { sendEnabled: [], defaultSendEnabled: true } };
      },
    }),
    q({
      path: "/cosmos.bank.v1beta1.Query/SendEnabled",
      request: QuerySendEnabledRequest,
      response: QuerySendEnabledResponse,
      handle(ctx, req) {
        const all = [{ denom: ctx.config.actDenom, enabled: false }];
        const sendEnabled = req.denoms.length === 0 ? all : req.denoms.map((denom) => ({ denom, enabled: bank.isSendEnabled(denom) }));
        return { sendEnabled, pagination: { nextKey: new Uint8Array(), total: Long.fromNumber(sendEnabled.length, true) } };
      },
    }),
  ];
  return { name: "bank", msgs: [msgSendHandler(bank)], queries };
}
