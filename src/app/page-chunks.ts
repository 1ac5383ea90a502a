import { matchPath } from "react-router";

/**
 * The pages that are their own chunks (the first visit downloads the shell and the page it opens; Home ships with
 * the shell), each loaded once and kept, so the router can render a page whose chunk is in without suspending.
 */
export interface PageChunk<M> {
  load(): Promise<M>;
  /** The module once it is in. */
  readonly loaded: M | undefined;
}

export function pageChunk<M>(importModule: () => Promise<M>): PageChunk<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  return {
    load() {
      loading ??= importModule().then(
        (module) => (loaded = module),
        (error: unknown) => {
          // A failed download may be tried again (the route's error element offers a reload).
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    get loaded() {
      return loaded;
    },
  };
}

export const pageChunks = {
  account: pageChunk(() => import("@/features/account/account-page")),
  authorizations: pageChunk(() => import("@/features/authorizations/authorizations-page")),
  settings: pageChunk(() => import("@/features/settings/settings-page")),
  templates: pageChunk(() => import("@/features/templates")),
  deploy: pageChunk(() => import("./routes/deploy-page")),
  auction: pageChunk(() => import("@/features/deploy/auction-page")),
  deployments: pageChunk(() => import("@/features/deployments")),
  providers: pageChunk(() => import("@/features/providers/providers-page")),
  providerDetail: pageChunk(() => import("@/features/providers/provider-detail-page")),
  spend: pageChunk(() => import("./routes/spend-page")),
  notFound: pageChunk(() => import("./routes/not-found-page")),
};

/** The chunk of the page at each route. */
const ROUTE_CHUNKS: [string, PageChunk<unknown>][] = [
  ["/account", pageChunks.account],
  ["/authorizations", pageChunks.authorizations],
  ["/deploy", pageChunks.deploy],
  ["/deployments/:dseq/bids", pageChunks.auction],
  ["/deployments", pageChunks.deployments],
  ["/deployments/:dseq", pageChunks.deployments],
  ["/templates", pageChunks.templates],
  ["/templates/:id", pageChunks.templates],
  ["/spend", pageChunks.spend],
  ["/providers", pageChunks.providers],
  ["/providers/:owner", pageChunks.providerDetail],
  ["/settings", pageChunks.settings],
];

/** The chunk of the page at `pathname` (none for Home, which ships with the shell, and unknown paths). */
export function chunkForPath(pathname: string): PageChunk<unknown> | undefined {
  return ROUTE_CHUNKS.find(([path]) => matchPath(path, pathname))?.[1];
}

/**
 * Starts downloading the chunk of the page at `pathname`. Settles when the chunk is in (or failed: the page reports
 * that when it renders), at once for a path without a chunk of its own.
 */
export function preloadPageChunk(pathname: string): Promise<void> {
  const chunk = chunkForPath(pathname);
  return chunk ? chunk.load().then(() => undefined, () => undefined) : Promise.resolve();
}
