/**
 * x/audit (akash.audit.v1): auditors sign attributes of provider owners; the market matches
 * placement `signed_by` requirements against them.
 *
 * Error codes (codespace "audit", chain-sdk go/node/audit/v1/errors.go):
 * 1 provider not found, 2 invalid address, 3 attribute not found.
 */
import {
  AuditedProvider,
  EventTrustedAuditorCreated,
  EventTrustedAuditorDeleted,
  MsgDeleteProviderAttributes,
  MsgDeleteProviderAttributesResponse,
  MsgSignProviderAttributes,
  MsgSignProviderAttributesResponse,
  QueryAllProvidersAttributesRequest,
  QueryAuditorAttributesRequest,
  QueryProviderAttributesRequest,
  QueryProviderAuditorRequest,
  QueryProvidersResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { KVStore, Module, TxContext } from "../chain/types.ts";
import type { ProviderKeeper } from "./provider.ts";
import { validateAttributes } from "./provider.ts";
import { Grpc, isAkashAddress, paginate, registerErrors } from "./util.ts";

export const auditErrors = registerErrors("audit", {
  providerNotFound: [1, Grpc.NotFound, "invalid provider: address not found"],
  invalidAddress: [2, Grpc.InvalidArgument, "invalid address"],
  attributeNotFound: [3, Grpc.NotFound, "attribute not found"],
});

export interface AuditRecord {
  owner: string;
  auditor: string;
  attributes: { key: string; value: string }[];
}

const AUD = "audit/";
const key = (owner: string, auditor: string) => `${AUD}${owner}/${auditor}`;

export class AuditKeeper {
  constructor(private readonly providers: ProviderKeeper) {}

  /** Every auditor's signed attributes for a provider owner. */
  providerAttributes(store: KVStore, owner: string): AuditRecord[] {
    return [...store.iterate<AuditRecord>(`${AUD}${owner}/`)].map(([, r]) => r);
  }

  get(store: KVStore, owner: string, auditor: string): AuditRecord | undefined {
    return store.get<AuditRecord>(key(owner, auditor));
  }

  message(r: AuditRecord): AuditedProvider {
    return AuditedProvider.fromPartial(r);
  }

  sign(ctx: TxContext, msg: MsgSignProviderAttributes): void {
    if (!this.providers.get(ctx.store, msg.owner)) throw auditErrors.providerNotFound(msg.owner);
    const rec = this.get(ctx.store, msg.owner, msg.auditor) ?? { owner: msg.owner, auditor: msg.auditor, attributes: [] };
    for (const a of msg.attributes) {
      const existing = rec.attributes.find((x) => x.key === a.key);
      if (existing) existing.value = a.value;
      else rec.attributes.push({ key: a.key, value: a.value });
    }
    rec.attributes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    ctx.store.set(key(msg.owner, msg.auditor), rec);
    ctx.events.emitTyped(EventTrustedAuditorCreated, EventTrustedAuditorCreated.fromPartial({ owner: msg.owner, auditor: msg.auditor }));
  }

  /** Deletes the listed keys, or every attribute of this auditor for the owner when `keys` is empty. */
  delete(ctx: TxContext, msg: MsgDeleteProviderAttributes): void {
    const rec = this.get(ctx.store, msg.owner, msg.auditor);
    if (!rec) throw auditErrors.providerNotFound(`no attributes signed by ${msg.auditor} for ${msg.owner}`);
    if (msg.keys.length === 0) {
      ctx.store.delete(key(msg.owner, msg.auditor));
    } else {
      for (const k of msg.keys) {
        if (!rec.attributes.some((a) => a.key === k)) throw auditErrors.attributeNotFound(k);
      }
      rec.attributes = rec.attributes.filter((a) => !msg.keys.includes(a.key));
      if (rec.attributes.length === 0) ctx.store.delete(key(msg.owner, msg.auditor));
      else ctx.store.set(key(msg.owner, msg.auditor), rec);
    }
    ctx.events.emitTyped(EventTrustedAuditorDeleted, EventTrustedAuditorDeleted.fromPartial({ owner: msg.owner, auditor: msg.auditor }));
  }
}

function validateOwnerAuditor(owner: string, auditor: string): void {
  if (!isAkashAddress(owner)) throw auditErrors.invalidAddress(`owner "${owner}"`);
  if (!isAkashAddress(auditor)) throw auditErrors.invalidAddress(`auditor "${auditor}"`);
}

export function auditModule(keeper: AuditKeeper): Module & { keeper: AuditKeeper } {
  const list = (store: KVStore, pagination: QueryAllProvidersAttributesRequest["pagination"], filter: (r: AuditRecord) => boolean, prefix = AUD) => {
    const page = paginate<AuditRecord, AuditedProvider>(store, prefix, pagination, filter, (r) => keeper.message(r));
    return QueryProvidersResponse.fromPartial({ providers: page.items, pagination: page.pagination });
  };
  return {
    name: "audit",
    keeper,
    msgs: [
      {
        typeUrl: "/akash.audit.v1.MsgSignProviderAttributes",
        aminoType: "akash-sdk/x/audit/MsgSignProviderAttributes",
        type: MsgSignProviderAttributes,
        responseType: MsgSignProviderAttributesResponse,
        signers: (m: MsgSignProviderAttributes) => [m.auditor],
        validateBasic(m: MsgSignProviderAttributes) {
          validateOwnerAuditor(m.owner, m.auditor);
          if (m.attributes.length === 0) throw auditErrors.attributeNotFound("no attributes to sign");
          validateAttributes(m.attributes, (d) => auditErrors.invalidAddress(d));
        },
        handle(ctx, m: MsgSignProviderAttributes) {
          keeper.sign(ctx, m);
          return MsgSignProviderAttributesResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.audit.v1.MsgDeleteProviderAttributes",
        aminoType: "akash-sdk/x/audit/MsgDeleteProviderAttributes",
        type: MsgDeleteProviderAttributes,
        responseType: MsgDeleteProviderAttributesResponse,
        signers: (m: MsgDeleteProviderAttributes) => [m.auditor],
        validateBasic: (m: MsgDeleteProviderAttributes) => validateOwnerAuditor(m.owner, m.auditor),
        handle(ctx, m: MsgDeleteProviderAttributes) {
          keeper.delete(ctx, m);
          return MsgDeleteProviderAttributesResponse.fromPartial({});
        },
      },
    ],
    queries: [
      {
        path: "/akash.audit.v1.Query/AllProvidersAttributes",
        request: QueryAllProvidersAttributesRequest,
        response: QueryProvidersResponse,
        handle: (ctx, req: QueryAllProvidersAttributesRequest) => list(ctx.store, req.pagination, () => true),
      },
      {
        path: "/akash.audit.v1.Query/ProviderAttributes",
        request: QueryProviderAttributesRequest,
        response: QueryProvidersResponse,
        handle: (ctx, req: QueryProviderAttributesRequest) => list(ctx.store, req.pagination, () => true, `${AUD}${req.owner}/`),
      },
      {
        path: "/akash.audit.v1.Query/ProviderAuditorAttributes",
        request: QueryProviderAuditorRequest,
        response: QueryProvidersResponse,
        handle(ctx, req: QueryProviderAuditorRequest) {
          const r = keeper.get(ctx.store, req.owner, req.auditor);
          if (!r) throw auditErrors.providerNotFound(`no attributes signed by ${req.auditor} for ${req.owner}`);
          return QueryProvidersResponse.fromPartial({ providers: [keeper.message(r)], pagination: undefined });
        },
      },
      {
        path: "/akash.audit.v1.Query/AuditorAttributes",
        request: QueryAuditorAttributesRequest,
        response: QueryProvidersResponse,
        handle: (ctx, req: QueryAuditorAttributesRequest) => list(ctx.store, req.pagination, (r) => r.auditor === req.auditor),
      },
    ],
  };
}
