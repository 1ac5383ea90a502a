/**
 * Local deployment records: the SDL, name and manifest a deployment was created with, keyed by
 * network + owner + dseq. The chain only stores the manifest's hash, so this is the only place the SDL
 * lives; the create flow writes the record BEFORE broadcasting so a closed tab or a crash mid-flow can be
 * recovered on the next visit. A record keeps only what the chain cannot tell: where the deployment stands
 * (pending, open, leased, closed) is derived from the chain (`deploymentPhase` in ./phase.ts).
 * Never holds secret material (no keys, no mnemonics, no tokens) — SDL `env` values are the user's own
 * deployment config and are kept as typed.
 *
 * Storage: metadata always in localStorage (synchronous: a save that returned is on disk); the SDL and
 * manifest go inline when small and to IndexedDB when large (with `inBlobStore` set on the record).
 */

import { indexedDbBlobStore, type BlobStore } from "../storage/blob-store";
import { getErrorMessage } from "../errors";

/** @deprecated Derived from the chain now (`deploymentPhase`); records written by older versions still carry it. */
export type DeploymentRecordStatus = "pending" | "created" | "leased" | "closed";

/** @deprecated The chain lists a deployment's leases; records written by older versions still carry them. */
export interface LeaseRef {
  gseq: number;
  oseq: number;
  provider: string;
}

export interface DeploymentRecord {
  networkId: string;
  owner: string;
  dseq: string;
  name: string;
  sdl: string;
  /** `manifestToSortedJSON(manifest)`: exactly what is PUT to providers. */
  manifestJson: string;
  /** Hex of the manifest version hash sent on chain. */
  manifestVersion: string;
  /** @deprecated Never read: derive it with `deploymentPhase(record, deployment, leases, asOf)`. */
  status?: DeploymentRecordStatus;
  createdAt: number;
  /** Last write; a record with no deployment on chain long after this is abandoned (see ./phase.ts). */
  updatedAt: number;
  /** Deposit sent with MsgCreateDeployment, e.g. {denom:"uact", amount:"5000000"}. */
  deposit?: { denom: string; amount: string };
  txHash?: string;
  templateId?: string;
  /** @deprecated Never read: the chain lists the leases. */
  leases?: LeaseRef[];
  /** Providers that accepted the manifest, with the time they did. */
  manifestSentAt?: Record<string, number>;
}

export type DeploymentRecordSummary = Omit<DeploymentRecord, "sdl" | "manifestJson">;

export type { BlobStore };

interface StoredRecord extends DeploymentRecordSummary {
  sdl?: string;
  manifestJson?: string;
  inBlobStore?: boolean;
}

const PREFIX = "akash-console";
/** Inline limit for SDL + manifest (UTF-16 chars); localStorage is ~5 M chars per origin, shared. */
export const INLINE_LIMIT = 128 * 1024;

export function deploymentRecordKey(networkId: string, owner: string, dseq: string): string {
  return `${PREFIX}:${networkId}:deployment:${owner}:${dseq}`;
}

function ownerPrefix(networkId: string, owner: string): string {
  return `${PREFIX}:${networkId}:deployment:${owner}:`;
}

export class DeploymentStore {
  constructor(
    private readonly storage: Storage,
    private readonly blobs: BlobStore | null,
  ) {}

  /** Saves (creates or replaces) a record. Resolves once it is durably stored; rejects when it cannot be. */
  async save(record: DeploymentRecord): Promise<void> {
    const key = deploymentRecordKey(record.networkId, record.owner, record.dseq);
    const { sdl, manifestJson, ...summary } = record;
    if (sdl.length + manifestJson.length <= INLINE_LIMIT) {
      try {
        this.storage.setItem(key, JSON.stringify({ ...summary, sdl, manifestJson } satisfies StoredRecord));
        return;
      } catch {
        // Quota exceeded: fall through to the blob store.
      }
    }
    if (!this.blobs) throw new Error("The deployment's SDL is too large for local storage and IndexedDB is unavailable.");
    await this.blobs.put(key, JSON.stringify({ sdl, manifestJson }));
    try {
      this.storage.setItem(key, JSON.stringify({ ...summary, inBlobStore: true } satisfies StoredRecord));
    } catch (error) {
      throw new Error(`Could not save the deployment record: ${getErrorMessage(error)}`, { cause: error });
    }
  }

  async load(networkId: string, owner: string, dseq: string): Promise<DeploymentRecord | undefined> {
    const key = deploymentRecordKey(networkId, owner, dseq);
    const stored = this.readStored(key);
    if (!stored) return undefined;
    return this.hydrate(key, stored);
  }

  /** Summaries (no SDL/manifest) of this owner's records on a network, newest first. Synchronous. */
  list(networkId: string, owner: string): DeploymentRecordSummary[] {
    const prefix = ownerPrefix(networkId, owner);
    const result: DeploymentRecordSummary[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(prefix)) continue;
      const stored = this.readStored(key);
      if (!stored) continue;
      const { sdl: _sdl, manifestJson: _manifest, inBlobStore: _blob, ...summary } = stored;
      result.push(summary);
    }
    return result.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Applies `patch` to an existing record; returns the updated record, or undefined when there is none. */
  async update(networkId: string, owner: string, dseq: string, patch: Partial<Omit<DeploymentRecord, "networkId" | "owner" | "dseq">>): Promise<DeploymentRecord | undefined> {
    const current = await this.load(networkId, owner, dseq);
    if (!current) return undefined;
    const next: DeploymentRecord = { ...current, ...patch, updatedAt: Date.now() };
    await this.save(next);
    return next;
  }

  async remove(networkId: string, owner: string, dseq: string): Promise<void> {
    const key = deploymentRecordKey(networkId, owner, dseq);
    const stored = this.readStored(key);
    this.storage.removeItem(key);
    if (stored?.inBlobStore && this.blobs) await this.blobs.delete(key).catch(() => undefined);
  }

  private readStored(key: string): StoredRecord | undefined {
    try {
      const raw = this.storage.getItem(key);
      if (!raw) return undefined;
      const parsed = JSON.parse(raw) as StoredRecord;
      return typeof parsed?.dseq === "string" && typeof parsed.owner === "string" ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  private async hydrate(key: string, stored: StoredRecord): Promise<DeploymentRecord | undefined> {
    const { inBlobStore, ...rest } = stored;
    if (!inBlobStore) return typeof rest.sdl === "string" ? ({ ...rest, sdl: rest.sdl, manifestJson: rest.manifestJson ?? "" } as DeploymentRecord) : undefined;
    if (!this.blobs) return undefined;
    const raw = await this.blobs.get(key).catch(() => undefined);
    if (!raw) return undefined;
    const body = JSON.parse(raw) as { sdl: string; manifestJson: string };
    return { ...rest, sdl: body.sdl, manifestJson: body.manifestJson };
  }
}

let defaultStore: DeploymentStore | null = null;

/** The browser's store (localStorage + IndexedDB). */
export function deploymentStore(): DeploymentStore {
  defaultStore ??= new DeploymentStore(globalThis.localStorage, typeof indexedDB === "undefined" ? null : indexedDbBlobStore("akash-console-deployments", "records"));
  return defaultStore;
}
