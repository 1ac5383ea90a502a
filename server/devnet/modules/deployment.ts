/**
 * x/deployment (akash.deployment.v1beta4; ids, state and events in akash.deployment.v1).
 *
 * Error codes (codespace "deployment", chain-sdk go/node/deployment/v1/errors.go):
 * 3 deployment exists, 4 deployment not found, 5 deployment closed,
 * 7 invalid groups, 9 empty hash, 10 invalid hash, 14 group not found, 15 group closed,
 * 16 group open, 17 group paused, 18 group not open, 19 group spec invalid, 20 invalid deposit.
 * A zero dseq is sdk code 3 (ErrInvalidSequence), an invalid owner sdk code 7, as DeploymentID.Validate.
 * GroupSpec validation failures are plain errors on the node (code 1 "undefined"); here they are
 * deployment 19 "GroupSpec invalid" with the node's message, which is more useful to a client.
 */
import {
  DeploymentID,
  Deployment,
  EventDeploymentClosed,
  EventDeploymentCreated,
  EventDeploymentUpdated,
  EventGroupClosed,
  EventGroupPaused,
  EventGroupStarted,
  GroupID,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  Group,
  GroupSpec,
  MsgCloseDeployment,
  MsgCloseDeploymentResponse,
  MsgCloseGroup,
  MsgCloseGroupResponse,
  MsgCreateDeployment,
  MsgCreateDeploymentResponse,
  MsgPauseGroup,
  MsgPauseGroupResponse,
  MsgStartGroup,
  MsgStartGroupResponse,
  MsgUpdateDeployment,
  MsgUpdateDeploymentResponse,
  Params,
  QueryDeploymentRequest,
  QueryDeploymentResponse,
  QueryDeploymentsRequest,
  QueryDeploymentsResponse,
  QueryGroupRequest,
  QueryGroupResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { sdkErrors } from "../chain/errors.ts";
import type { Coin, DecCoin, KVStore, Module, TxContext } from "../chain/types.ts";
import { isValidDenom } from "../chain/coins.ts";
import { shareRendering } from "../../shared/gateway-json.ts";
import { type EscrowAccount, type EscrowKeeper, deploymentAccountId, depositSources } from "./escrow.ts";
import { Grpc, decCoin, formatDec, pad, paginate, parseDec, registerErrors, requireAddress, u64 } from "./util.ts";

export const deploymentErrors = registerErrors("deployment", {
  deploymentExists: [3, Grpc.AlreadyExists, "Deployment exists"],
  deploymentNotFound: [4, Grpc.NotFound, "Deployment not found"],
  deploymentClosed: [5, Grpc.FailedPrecondition, "Deployment closed"],
  invalidGroups: [7, Grpc.InvalidArgument, "Invalid groups"],
  emptyHash: [9, Grpc.InvalidArgument, "Invalid: empty hash"],
  invalidHash: [10, Grpc.InvalidArgument, "Invalid: deployment hash"],
  groupNotFound: [14, Grpc.NotFound, "Group not found"],
  groupClosed: [15, Grpc.FailedPrecondition, "Group already closed"],
  groupOpen: [16, Grpc.FailedPrecondition, "Group open"],
  groupPaused: [17, Grpc.FailedPrecondition, "Group paused"],
  groupNotOpen: [18, Grpc.FailedPrecondition, "Group not open"],
  groupSpecInvalid: [19, Grpc.InvalidArgument, "GroupSpec invalid"],
  invalidDeposit: [20, Grpc.InvalidArgument, "Deposit invalid"],
});

export type DeploymentState = "active" | "closed";
export type GroupState = "open" | "paused" | "insufficient_funds" | "closed";

export interface DeploymentRecord {
  owner: string;
  dseq: string;
  state: DeploymentState;
  /** base64 of the 32-byte manifest version hash */
  hash: string;
  createdAt: string;
}

export interface GroupRecord {
  owner: string;
  dseq: string;
  gseq: number;
  state: GroupState;
  /** GroupSpec proto-JSON (prices normalised to 18 decimals) */
  spec: unknown;
  createdAt: string;
}

export const DEFAULT_DEPLOYMENT_PARAMS = { minDeposits: [{ denom: "uact", amount: "500000" }, { denom: "uakt", amount: "500000" }] as Coin[] };

const PARAMS = "deployment/params";
const DEP = "deployment/d/";
const GRP = "deployment/g/";

const depKey = (owner: string, dseq: string) => `${DEP}${owner}/${pad(dseq)}`;
const groupPrefix = (owner: string, dseq: string) => `${GRP}${owner}/${pad(dseq)}/`;
const groupKey = (owner: string, dseq: string, gseq: number) => `${groupPrefix(owner, dseq)}${pad(gseq, 10)}`;

const DEPLOYMENT_STATE = { active: 1, closed: 2 } as const;
const GROUP_STATE = { open: 1, paused: 2, insufficient_funds: 3, closed: 4 } as const;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
export const resourceValue = (rv: { val: Uint8Array } | undefined): bigint => {
  const text = rv ? new TextDecoder().decode(rv.val) : "";
  return /^\d+$/.test(text) ? BigInt(text) : 0n;
};

/** GroupSpec.Price(): Σ price × count, in the (single) denom of its resources. */
/** Parsed group specs by their stored JSON object (see groupSpec). */
const parsedSpecs = new WeakMap<object, GroupSpec>();
/** Deployment answers by their stored deployment record, with the group and account records they were built from. */
const builtResponses = new WeakMap<DeploymentRecord, { acc: EscrowAccount | undefined; groups: GroupRecord[]; response: QueryDeploymentResponse }>();

export function groupSpecPrice(spec: GroupSpec): DecCoin {
  let total = 0n;
  let denom = "";
  for (const ru of spec.resources) {
    denom ||= ru.price?.denom ?? "";
    total += parseDec(ru.price?.amount ?? "0") * BigInt(ru.count);
  }
  return decCoin(denom, total);
}

/**
 * Normalises a group spec as the node stores it: prices with 18 decimals (LegacyDec) and the
 * non-nullable `requirements{signed_by, attributes}` always present, so clients decode it.
 */
export function normaliseSpec(spec: GroupSpec): GroupSpec {
  return GroupSpec.fromPartial({
    ...spec,
    requirements: {
      signedBy: { allOf: spec.requirements?.signedBy?.allOf ?? [], anyOf: spec.requirements?.signedBy?.anyOf ?? [] },
      attributes: spec.requirements?.attributes ?? [],
    },
    resources: spec.resources.map((ru) => ({ ...ru, price: ru.price ? { denom: ru.price.denom, amount: formatDec(parseDec(ru.price.amount)) } : undefined })),
  });
}

/** GroupSpec.ValidateBasic: name, resource units (counts, cpu/memory/storage present) and single-denom pricing. */
export function validateGroupSpec(spec: GroupSpec): void {
  const bad = (why: string) => deploymentErrors.groupSpecInvalid(`group ${spec.name || "<unnamed>"}: ${why}`);
  if (spec.name === "") throw deploymentErrors.groupSpecInvalid("empty group spec name");
  if (spec.resources.length === 0) throw bad("no resources");
  let denom: string | undefined;
  const ids = new Set<number>();
  for (const ru of spec.resources) {
    const r = ru.resource;
    if (!r) throw bad("resource unit without resources");
    if (ids.has(r.id)) throw bad(`duplicate resource id ${r.id}`);
    ids.add(r.id);
    if (ru.count < 1) throw bad("resource count must be at least 1");
    if (resourceValue(r.cpu?.units) < 1n) throw bad("cpu units must be positive");
    if (resourceValue(r.memory?.quantity) < 1n) throw bad("memory quantity must be positive");
    if (r.storage.length === 0 || r.storage.some((s) => resourceValue(s.quantity) < 1n)) throw bad("storage quantity must be positive");
    const price = ru.price;
    if (!price || !isValidDenom(price.denom)) throw bad("invalid price denomination");
    let amount: bigint;
    try {
      amount = parseDec(price.amount);
    } catch {
      throw bad(`invalid price amount "${price.amount}"`);
    }
    if (amount < 0n) throw bad("negative price");
    if (denom !== undefined && denom !== price.denom) throw bad(`multi-denonimation group: (${price.denom} == ${denom} fails)`);
    denom = price.denom;
  }
}

function validateDeploymentId(id: DeploymentID | undefined): { owner: string; dseq: string } {
  const owner = id?.owner ?? "";
  requireAddress(owner, "DeploymentID: Invalid Owner Address");
  const dseq = u64(id?.dseq);
  if (dseq === "0") throw sdkErrors.invalidSequence("DeploymentID: Invalid Deployment Sequence");
  return { owner, dseq };
}

function validateGroupId(id: GroupID | undefined): { owner: string; dseq: string; gseq: number } {
  const { owner, dseq } = validateDeploymentId(id ? { owner: id.owner, dseq: id.dseq } : undefined);
  if (!id || id.gseq === 0) throw sdkErrors.invalidSequence("GroupID: Invalid Group Sequence");
  return { owner, dseq, gseq: id.gseq };
}

/**
 * What x/deployment asks of x/market: an order for a group that opens, and closing a group's orders.
 * Declared here (the market keeper implements it) so deployment does not import the market.
 */
export interface GroupOrders {
  createOrder(ctx: TxContext, group: GroupRecord): unknown;
  onGroupClosed(ctx: TxContext, owner: string, dseq: string, gseq: number): void;
}

export class DeploymentKeeper {
  /** Set by akashModules() once the market keeper exists. */
  market!: GroupOrders;

  constructor(readonly escrow: EscrowKeeper) {}

  params(store: KVStore): { minDeposits: Coin[] } {
    return store.get<{ minDeposits: Coin[] }>(PARAMS) ?? DEFAULT_DEPLOYMENT_PARAMS;
  }

  getDeployment(store: KVStore, owner: string, dseq: string): DeploymentRecord | undefined {
    return store.get<DeploymentRecord>(depKey(owner, dseq));
  }

  getGroup(store: KVStore, owner: string, dseq: string, gseq: number): GroupRecord | undefined {
    return store.get<GroupRecord>(groupKey(owner, dseq, gseq));
  }

  getGroups(store: KVStore, owner: string, dseq: string): GroupRecord[] {
    return [...store.iterate<GroupRecord>(groupPrefix(owner, dseq))].map(([, g]) => g);
  }

  /**
   * A group's spec, parsed from its stored JSON once per stored object: a spec never changes after creation, and every
   * deployment query (a list of 1,000 is the node's heaviest answer) would otherwise parse each spec again.
   * Callers must not mutate the returned message.
   */
  groupSpec(g: GroupRecord): GroupSpec {
    if (typeof g.spec !== "object" || g.spec === null) return GroupSpec.fromJSON(g.spec);
    let spec = parsedSpecs.get(g.spec);
    if (!spec) parsedSpecs.set(g.spec, (spec = GroupSpec.fromJSON(g.spec)));
    return spec;
  }

  private saveGroup(ctx: TxContext, g: GroupRecord): void {
    ctx.store.set(groupKey(g.owner, g.dseq, g.gseq), g);
  }

  /** Sets a group's final state (closed or insufficient_funds) and emits EventGroupClosed. */
  onCloseGroup(ctx: TxContext, g: GroupRecord, state: "closed" | "insufficient_funds"): void {
    g.state = state;
    this.saveGroup(ctx, g);
    ctx.events.emitTyped(EventGroupClosed, EventGroupClosed.fromPartial({ id: { owner: g.owner, dseq: g.dseq, gseq: g.gseq } }));
  }

  onPauseGroup(ctx: TxContext, g: GroupRecord): void {
    g.state = "paused";
    this.saveGroup(ctx, g);
    ctx.events.emitTyped(EventGroupPaused, EventGroupPaused.fromPartial({ id: { owner: g.owner, dseq: g.dseq, gseq: g.gseq } }));
  }

  closeDeployment(ctx: TxContext, d: DeploymentRecord): void {
    d.state = "closed";
    ctx.store.set(depKey(d.owner, d.dseq), d);
    ctx.events.emitTyped(EventDeploymentClosed, EventDeploymentClosed.fromPartial({ id: { owner: d.owner, dseq: d.dseq } }));
  }

  /** Escrow hook: the deployment's account closed or ran dry. */
  onEscrowAccountClosed(ctx: TxContext, owner: string, dseq: string, overdrawn: boolean): void {
    const d = this.getDeployment(ctx.store, owner, dseq);
    if (!d || d.state !== "active") return;
    this.closeDeployment(ctx, d);
    for (const g of this.getGroups(ctx.store, owner, dseq)) {
      if (g.state === "closed" || g.state === "insufficient_funds") continue;
      this.onCloseGroup(ctx, g, overdrawn ? "insufficient_funds" : "closed");
      this.market.onGroupClosed(ctx, g.owner, g.dseq, g.gseq);
    }
  }

  deploymentMessage(d: DeploymentRecord): Deployment {
    return Deployment.fromPartial({
      id: { owner: d.owner, dseq: d.dseq },
      state: DEPLOYMENT_STATE[d.state],
      hash: Buffer.from(d.hash, "base64"),
      createdAt: d.createdAt,
    });
  }

  /** A read-only view: it shares the parsed spec (groupSpec), so it is assembled rather than deep-copied. */
  groupMessage(g: GroupRecord): Group {
    return { ...Group.fromPartial({ id: { owner: g.owner, dseq: g.dseq, gseq: g.gseq }, state: GROUP_STATE[g.state], createdAt: g.createdAt }), groupSpec: this.groupSpec(g) };
  }

  /**
   * A deployment's answer, assembled from full messages (no deep copy) and kept while its stored records are the same
   * objects: the store replaces a record when it changes, so an unchanged deployment (most of a list of 1,000, now that
   * escrow settles lazily) is answered, and rendered as JSON by the gateway, from what the last query built.
   * The answer is shared: read-only.
   */
  deploymentResponse(store: KVStore, d: DeploymentRecord): QueryDeploymentResponse {
    const acc = this.escrow.getAccount(store, deploymentAccountId(d.owner, d.dseq));
    const groups = this.getGroups(store, d.owner, d.dseq);
    const kept = builtResponses.get(d);
    if (kept && kept.acc === acc && kept.groups.length === groups.length && kept.groups.every((g, i) => g === groups[i])) return kept.response;
    const response: QueryDeploymentResponse = shareRendering({
      deployment: this.deploymentMessage(d),
      groups: groups.map((g) => this.groupMessage(g)),
      escrowAccount: acc ? this.escrow.accountMessage(acc) : undefined,
    });
    builtResponses.set(d, { acc, groups, response });
    return response;
  }

  /** The group handlers look the group up directly (a closed deployment's groups are closed). */
  private requireGroup(ctx: TxContext, id: GroupID | undefined): GroupRecord {
    const { owner, dseq, gseq } = validateGroupId(id);
    const g = this.getGroup(ctx.store, owner, dseq, gseq);
    if (!g) throw deploymentErrors.groupNotFound();
    return g;
  }

  // -------------------------------------------------------------------------------------------
  // Message handlers

  createDeployment(ctx: TxContext, msg: MsgCreateDeployment): void {
    const { owner, dseq } = validateDeploymentId(msg.id);
    if (this.getDeployment(ctx.store, owner, dseq)) throw deploymentErrors.deploymentExists();
    const amount = msg.deposit!.amount!;
    const denom = amount.denom;
    if (!ctx.config.legacyUaktPricing && denom === ctx.config.bondDenom) {
      throw deploymentErrors.invalidDeposit(`${ctx.config.bondDenom} deposits are only allowed via AccountDeposit; price and deposit deployments in ${ctx.config.actDenom} (mint it with MsgMintACT)`);
    }
    const min = this.params(ctx.store).minDeposits.find((c) => c.denom === denom);
    if (!min) throw deploymentErrors.invalidDeposit(`deposit denom ${denom} is not accepted (min_deposits: ${this.params(ctx.store).minDeposits.map((c) => c.amount + c.denom).join(", ")})`);
    if (BigInt(amount.amount) < BigInt(min.amount)) throw deploymentErrors.invalidDeposit(`deposit ${amount.amount}${denom} is below the minimum ${min.amount}${denom}`);

    const deposits = this.escrow.authorizeDeposits(ctx, owner, { amount: { denom, amount: amount.amount }, sources: depositSources(msg.deposit!.sources) }, { typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment", value: msg });

    const d: DeploymentRecord = { owner, dseq, state: "active", hash: b64(msg.hash), createdAt: String(ctx.height) };
    ctx.store.set(depKey(owner, dseq), d);
    ctx.events.emitTyped(EventDeploymentCreated, EventDeploymentCreated.fromPartial({ id: { owner, dseq }, hash: msg.hash }));

    msg.groups.forEach((spec, i) => {
      const g: GroupRecord = { owner, dseq, gseq: i + 1, state: "open", spec: GroupSpec.toJSON(normaliseSpec(spec)), createdAt: String(ctx.height) };
      this.saveGroup(ctx, g);
      this.market.createOrder(ctx, g);
    });

    this.escrow.accountCreate(ctx, deploymentAccountId(owner, dseq), owner, deposits);
  }

  updateDeployment(ctx: TxContext, msg: MsgUpdateDeployment): void {
    const { owner, dseq } = validateDeploymentId(msg.id);
    const d = this.getDeployment(ctx.store, owner, dseq);
    if (!d) throw deploymentErrors.deploymentNotFound();
    if (d.state !== "active") throw deploymentErrors.deploymentClosed();
    const hash = b64(msg.hash);
    if (hash === d.hash) throw deploymentErrors.invalidHash("deployment hash has not changed");
    d.hash = hash;
    ctx.store.set(depKey(owner, dseq), d);
    ctx.events.emitTyped(EventDeploymentUpdated, EventDeploymentUpdated.fromPartial({ id: { owner, dseq }, hash: msg.hash }));
  }

  closeDeploymentMsg(ctx: TxContext, msg: MsgCloseDeployment): void {
    const { owner, dseq } = validateDeploymentId(msg.id);
    const d = this.getDeployment(ctx.store, owner, dseq);
    if (!d) throw deploymentErrors.deploymentNotFound();
    if (d.state !== "active") throw deploymentErrors.deploymentClosed();
    // Leases first (reason owner, their payments settle and pay the provider), then the account
    // settles and refunds what is left to the depositors.
    for (const g of this.getGroups(ctx.store, owner, dseq)) {
      if (g.state === "closed" || g.state === "insufficient_funds") continue;
      this.onCloseGroup(ctx, g, "closed");
      this.market.onGroupClosed(ctx, owner, dseq, g.gseq);
    }
    this.closeDeployment(ctx, d);
    const acc = this.escrow.getAccount(ctx.store, deploymentAccountId(owner, dseq));
    if (acc && acc.state !== "closed") this.escrow.accountClose(ctx, acc.id);
  }

  closeGroup(ctx: TxContext, msg: MsgCloseGroup): void {
    const g = this.requireGroup(ctx, msg.id);
    if (g.state === "closed" || g.state === "insufficient_funds") throw deploymentErrors.groupClosed();
    this.onCloseGroup(ctx, g, "closed");
    this.market.onGroupClosed(ctx, g.owner, g.dseq, g.gseq);
  }

  pauseGroup(ctx: TxContext, msg: MsgPauseGroup): void {
    const g = this.requireGroup(ctx, msg.id);
    if (g.state === "closed" || g.state === "insufficient_funds") throw deploymentErrors.groupClosed();
    if (g.state === "paused") throw deploymentErrors.groupPaused();
    this.onPauseGroup(ctx, g);
    this.market.onGroupClosed(ctx, g.owner, g.dseq, g.gseq);
  }

  startGroup(ctx: TxContext, msg: MsgStartGroup): void {
    const g = this.requireGroup(ctx, msg.id);
    if (g.state === "closed" || g.state === "insufficient_funds") throw deploymentErrors.groupClosed();
    if (g.state === "open") throw deploymentErrors.groupOpen();
    g.state = "open";
    this.saveGroup(ctx, g);
    ctx.events.emitTyped(EventGroupStarted, EventGroupStarted.fromPartial({ id: { owner: g.owner, dseq: g.dseq, gseq: g.gseq } }));
    this.market.createOrder(ctx, g);
  }
}

function validateCreateDeployment(msg: MsgCreateDeployment): void {
  validateDeploymentId(msg.id);
  const amount = msg.deposit?.amount;
  if (!amount || !isValidDenom(amount.denom) || !/^\d+$/.test(amount.amount)) throw deploymentErrors.invalidDeposit("invalid deposit amount");
  if (depositSources(msg.deposit!.sources).length === 0) throw deploymentErrors.invalidDeposit("deposit sources must not be empty");
  if (msg.groups.length === 0) throw deploymentErrors.invalidGroups();
  if (msg.hash.length === 0) throw deploymentErrors.emptyHash();
  if (msg.hash.length !== 32) throw deploymentErrors.invalidHash(`hash must be 32 bytes, got ${msg.hash.length}`);
  const names = new Set<string>();
  for (const gs of msg.groups) {
    validateGroupSpec(gs);
    if (names.has(gs.name)) throw deploymentErrors.invalidGroups(`duplicate group name ${gs.name}`);
    names.add(gs.name);
    if (amount.amount !== "0") {
      const gdenom = groupSpecPrice(gs).denom;
      if (gdenom !== amount.denom) throw deploymentErrors.invalidDeposit(`Mismatched denominations (${amount.denom} != ${gdenom})`);
    }
  }
}

const DEPLOYMENT_STATES = new Set(["active", "closed"]);

export function deploymentModule(keeper: DeploymentKeeper): Module & { keeper: DeploymentKeeper } {
  const owner = (id: { owner: string } | undefined) => [id?.owner ?? ""];
  const amino = (name: string) => `akash-sdk/x/deployment/${name}`;
  return {
    name: "deployment",
    keeper,
    initGenesis(ctx) {
      if (!ctx.store.has(PARAMS)) ctx.store.set(PARAMS, DEFAULT_DEPLOYMENT_PARAMS);
    },
    msgs: [
      {
        typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
        aminoType: amino("MsgCreateDeployment"),
        type: MsgCreateDeployment,
        responseType: MsgCreateDeploymentResponse,
        signers: (m: MsgCreateDeployment) => owner(m.id),
        validateBasic: (m: MsgCreateDeployment) => validateCreateDeployment(m),
        handle(ctx, m: MsgCreateDeployment) {
          keeper.createDeployment(ctx, m);
          return MsgCreateDeploymentResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.deployment.v1beta4.MsgUpdateDeployment",
        aminoType: amino("MsgUpdateDeployment"),
        type: MsgUpdateDeployment,
        responseType: MsgUpdateDeploymentResponse,
        signers: (m: MsgUpdateDeployment) => owner(m.id),
        validateBasic(m: MsgUpdateDeployment) {
          validateDeploymentId(m.id);
          if (m.hash.length === 0) throw deploymentErrors.emptyHash();
          if (m.hash.length !== 32) throw deploymentErrors.invalidHash(`hash must be 32 bytes, got ${m.hash.length}`);
        },
        handle(ctx, m: MsgUpdateDeployment) {
          keeper.updateDeployment(ctx, m);
          return MsgUpdateDeploymentResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment",
        aminoType: amino("MsgCloseDeployment"),
        type: MsgCloseDeployment,
        responseType: MsgCloseDeploymentResponse,
        signers: (m: MsgCloseDeployment) => owner(m.id),
        validateBasic: (m: MsgCloseDeployment) => void validateDeploymentId(m.id),
        handle(ctx, m: MsgCloseDeployment) {
          keeper.closeDeploymentMsg(ctx, m);
          return MsgCloseDeploymentResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.deployment.v1beta4.MsgCloseGroup",
        aminoType: amino("MsgCloseGroup"),
        type: MsgCloseGroup,
        responseType: MsgCloseGroupResponse,
        signers: (m: MsgCloseGroup) => owner(m.id),
        validateBasic: (m: MsgCloseGroup) => void validateGroupId(m.id),
        handle(ctx, m: MsgCloseGroup) {
          keeper.closeGroup(ctx, m);
          return MsgCloseGroupResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.deployment.v1beta4.MsgPauseGroup",
        aminoType: amino("MsgPauseGroup"),
        type: MsgPauseGroup,
        responseType: MsgPauseGroupResponse,
        signers: (m: MsgPauseGroup) => owner(m.id),
        validateBasic: (m: MsgPauseGroup) => void validateGroupId(m.id),
        handle(ctx, m: MsgPauseGroup) {
          keeper.pauseGroup(ctx, m);
          return MsgPauseGroupResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.deployment.v1beta4.MsgStartGroup",
        aminoType: amino("MsgStartGroup"),
        type: MsgStartGroup,
        responseType: MsgStartGroupResponse,
        signers: (m: MsgStartGroup) => owner(m.id),
        validateBasic: (m: MsgStartGroup) => void validateGroupId(m.id),
        handle(ctx, m: MsgStartGroup) {
          keeper.startGroup(ctx, m);
          return MsgStartGroupResponse.fromPartial({});
        },
      },
    ],
    queries: [
      {
        path: "/akash.deployment.v1beta4.Query/Deployments",
        request: QueryDeploymentsRequest,
        response: QueryDeploymentsResponse,
        complete: true,
        handle(ctx, req: QueryDeploymentsRequest) {
          const f = req.filters;
          const state = f?.state ?? "";
          if (state !== "" && !DEPLOYMENT_STATES.has(state)) throw sdkErrors.invalidRequest("invalid state value");
          if (req.pagination && u64(req.pagination.offset) !== "0" && state === "") {
            throw sdkErrors.invalidRequest("invalid request parameters. if offset is set, filter.state must be provided");
          }
          const dseq = u64(f?.dseq);
          const prefix = f?.owner ? `${DEP}${f.owner}/` : DEP;
          const page = paginate<DeploymentRecord, QueryDeploymentResponse>(
            ctx.store,
            prefix,
            req.pagination,
            (d) => (state === "" || d.state === state) && (dseq === "0" || d.dseq === dseq),
            (d) => keeper.deploymentResponse(ctx.store, d),
          );
          return { ...QueryDeploymentsResponse.fromPartial({ pagination: page.pagination }), deployments: page.items };
        },
      },
      {
        path: "/akash.deployment.v1beta4.Query/Deployment",
        request: QueryDeploymentRequest,
        response: QueryDeploymentResponse,
        complete: true,
        handle(ctx, req: QueryDeploymentRequest) {
          const d = keeper.getDeployment(ctx.store, req.id?.owner ?? "", u64(req.id?.dseq));
          if (!d) throw deploymentErrors.deploymentNotFound();
          return keeper.deploymentResponse(ctx.store, d);
        },
      },
      {
        path: "/akash.deployment.v1beta4.Query/Group",
        request: QueryGroupRequest,
        response: QueryGroupResponse,
        handle(ctx, req: QueryGroupRequest) {
          const g = keeper.getGroup(ctx.store, req.id?.owner ?? "", u64(req.id?.dseq), req.id?.gseq ?? 0);
          if (!g) throw deploymentErrors.groupNotFound();
          return QueryGroupResponse.fromPartial({ group: keeper.groupMessage(g) });
        },
      },
      {
        path: "/akash.deployment.v1beta4.Query/Params",
        request: QueryParamsRequest,
        response: QueryParamsResponse,
        handle(ctx) {
          return QueryParamsResponse.fromPartial({ params: Params.fromPartial(keeper.params(ctx.store)) });
        },
      },
    ],
  };
}
