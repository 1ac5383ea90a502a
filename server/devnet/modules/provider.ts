/**
 * x/provider (akash.provider.v1beta4): provider registration.
 *
 * Error codes (codespace "provider", chain-sdk go/node/provider/v1beta4/errors.go):
 * 1 invalid host uri, 2 not absolute host uri, 3 provider not found, 4 provider exists,
 * 5 invalid address, 6 attribute specification error, 7 attributes cannot be changed (an active
 * lease's placement would no longer match), 8 invalid info website, 10 internal.
 * Deleting a provider with active leases fails with 10 ("provider has active leases"); the node
 * itself does not implement MsgDeleteProvider (it always answers code 10 "NOT IMPLEMENTED").
 */
import type { Attribute } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  EventProviderCreated,
  EventProviderDeleted,
  EventProviderUpdated,
  MsgCreateProvider,
  MsgCreateProviderResponse,
  MsgDeleteProvider,
  MsgDeleteProviderResponse,
  MsgUpdateProvider,
  MsgUpdateProviderResponse,
  Provider,
  QueryProviderRequest,
  QueryProviderResponse,
  QueryProvidersRequest,
  QueryProvidersResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { KVStore, Module, TxContext } from "../chain/types.ts";
import { Grpc, paginate, registerErrors, requireAddress } from "./util.ts";

export const providerErrors = registerErrors("provider", {
  invalidProviderUri: [1, Grpc.InvalidArgument, "invalid provider: invalid host uri"],
  notAbsProviderUri: [2, Grpc.InvalidArgument, "invalid provider: not absolute host uri"],
  providerNotFound: [3, Grpc.NotFound, "invalid provider: address not found"],
  providerExists: [4, Grpc.AlreadyExists, "invalid provider: already exists"],
  invalidAddress: [5, Grpc.InvalidArgument, "invalid address"],
  attributes: [6, Grpc.InvalidArgument, "attribute specification error"],
  incompatibleAttributes: [7, Grpc.FailedPrecondition, "attributes cannot be changed"],
  invalidInfoWebsite: [8, Grpc.InvalidArgument, "invalid provider: invalid info website"],
  internal: [10, Grpc.Internal, "internal error"],
});

export interface ProviderRecord {
  owner: string;
  hostUri: string;
  attributes: { key: string; value: string }[];
  info: { email: string; website: string };
}

const PROV = "provider/";
const ATTR_KEY_RE = /^([a-zA-Z][\w/.-]{1,126})$/;

/** Attribute list rules shared by provider and audit: valid keys, no duplicates. */
export function validateAttributes(attrs: Attribute[], err: (detail: string) => Error): void {
  const seen = new Set<string>();
  for (const a of attrs) {
    if (!ATTR_KEY_RE.test(a.key)) throw err(`attribute key "${a.key}" is invalid`);
    if (seen.has(a.key)) throw err(`attribute key "${a.key}" is duplicated`);
    seen.add(a.key);
  }
}

function validateProviderMsg(msg: MsgCreateProvider | MsgUpdateProvider): void {
  requireAddress(msg.owner, "provider owner");
  let url: URL;
  try {
    url = new URL(msg.hostUri);
  } catch {
    throw providerErrors.notAbsProviderUri(`"${msg.hostUri}" is not an absolute URL`);
  }
  if (url.protocol !== "https:") throw providerErrors.invalidProviderUri(`scheme in "${msg.hostUri}" should be https`);
  // As Go's url.Parse sees it: a host is required and the path must be empty (not even "/").
  const m = /^https:\/\/([^/?#]*)(.*)$/i.exec(msg.hostUri);
  if (!m || m[1] === "") throw providerErrors.notAbsProviderUri(`validating "${msg.hostUri}" for valid host`);
  if (m[2] !== "") throw providerErrors.invalidProviderUri(`path in "${msg.hostUri}" should be empty`);
  validateAttributes(msg.attributes, (d) => providerErrors.attributes(d));
  const website = msg.info?.website ?? "";
  if (website !== "") {
    try {
      const u = new URL(website);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("scheme");
    } catch {
      throw providerErrors.invalidInfoWebsite(`"${website}"`);
    }
  }
}

export class ProviderKeeper {
  /** Set by akashModules(): counts a provider's active leases (market). */
  activeLeaseCount: (store: KVStore, provider: string) => number = () => 0;
  /** Set by akashModules(): why new attributes would break an active lease's placement, if they would. */
  attributesConflict: (store: KVStore, provider: string, attributes: { key: string; value: string }[]) => string | undefined = () => undefined;

  get(store: KVStore, owner: string): ProviderRecord | undefined {
    return store.get<ProviderRecord>(PROV + owner);
  }

  list(store: KVStore): ProviderRecord[] {
    return [...store.iterate<ProviderRecord>(PROV)].map(([, p]) => p);
  }

  message(p: ProviderRecord): Provider {
    return Provider.fromPartial(p);
  }

  private save(ctx: TxContext, msg: MsgCreateProvider | MsgUpdateProvider): void {
    const rec: ProviderRecord = {
      owner: msg.owner,
      hostUri: msg.hostUri,
      attributes: msg.attributes.map((a) => ({ key: a.key, value: a.value })),
      info: { email: msg.info?.email ?? "", website: msg.info?.website ?? "" },
    };
    ctx.store.set(PROV + msg.owner, rec);
  }

  create(ctx: TxContext, msg: MsgCreateProvider): void {
    if (this.get(ctx.store, msg.owner)) throw providerErrors.providerExists(msg.owner);
    this.save(ctx, msg);
    ctx.events.emitTyped(EventProviderCreated, EventProviderCreated.fromPartial({ owner: msg.owner }));
  }

  /** Attributes may change only as far as every active lease's placement still matches them. */
  update(ctx: TxContext, msg: MsgUpdateProvider): void {
    if (!this.get(ctx.store, msg.owner)) throw providerErrors.providerNotFound(msg.owner);
    const conflict = this.attributesConflict(ctx.store, msg.owner, msg.attributes);
    if (conflict) throw providerErrors.incompatibleAttributes(conflict);
    this.save(ctx, msg);
    ctx.events.emitTyped(EventProviderUpdated, EventProviderUpdated.fromPartial({ owner: msg.owner }));
  }

  delete(ctx: TxContext, owner: string): void {
    if (!this.get(ctx.store, owner)) throw providerErrors.providerNotFound(owner);
    const active = this.activeLeaseCount(ctx.store, owner);
    if (active > 0) throw providerErrors.internal(`provider has ${active} active lease(s); close them before deleting the provider`);
    ctx.store.delete(PROV + owner);
    ctx.events.emitTyped(EventProviderDeleted, EventProviderDeleted.fromPartial({ owner }));
  }
}

export function providerModule(keeper: ProviderKeeper): Module & { keeper: ProviderKeeper } {
  return {
    name: "provider",
    keeper,
    msgs: [
      {
        typeUrl: "/akash.provider.v1beta4.MsgCreateProvider",
        aminoType: "akash-sdk/x/provider/MsgCreateProvider",
        type: MsgCreateProvider,
        responseType: MsgCreateProviderResponse,
        signers: (m: MsgCreateProvider) => [m.owner],
        validateBasic: (m: MsgCreateProvider) => validateProviderMsg(m),
        handle(ctx, m: MsgCreateProvider) {
          keeper.create(ctx, m);
          return MsgCreateProviderResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.provider.v1beta4.MsgUpdateProvider",
        aminoType: "akash-sdk/x/provider/MsgUpdateProvider",
        type: MsgUpdateProvider,
        responseType: MsgUpdateProviderResponse,
        signers: (m: MsgUpdateProvider) => [m.owner],
        validateBasic: (m: MsgUpdateProvider) => validateProviderMsg(m),
        handle(ctx, m: MsgUpdateProvider) {
          keeper.update(ctx, m);
          return MsgUpdateProviderResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.provider.v1beta4.MsgDeleteProvider",
        aminoType: "akash-sdk/x/provider/MsgDeleteProvider",
        type: MsgDeleteProvider,
        responseType: MsgDeleteProviderResponse,
        signers: (m: MsgDeleteProvider) => [m.owner],
        validateBasic: (m: MsgDeleteProvider) => requireAddress(m.owner, "provider owner"),
        handle(ctx, m: MsgDeleteProvider) {
          keeper.delete(ctx, m.owner);
          return MsgDeleteProviderResponse.fromPartial({});
        },
      },
    ],
    queries: [
      {
        path: "/akash.provider.v1beta4.Query/Providers",
        request: QueryProvidersRequest,
        response: QueryProvidersResponse,
        handle(ctx, req: QueryProvidersRequest) {
          const page = paginate<ProviderRecord, Provider>(ctx.store, PROV, req.pagination, () => true, (p) => keeper.message(p));
          return QueryProvidersResponse.fromPartial({ providers: page.items, pagination: page.pagination });
        },
      },
      {
        path: "/akash.provider.v1beta4.Query/Provider",
        request: QueryProviderRequest,
        response: QueryProviderResponse,
        handle(ctx, req: QueryProviderRequest) {
          const p = keeper.get(ctx.store, req.owner);
          if (!p) throw providerErrors.providerNotFound(req.owner);
          return QueryProviderResponse.fromPartial({ provider: keeper.message(p) });
        },
      },
    ],
  };
}
