import type { ComponentType } from "react";
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

/** A route whose page is in its own chunk: `pick` takes the page component out of the chunk's module. */
export interface PageRoute {
  path: string;
  chunk: PageChunk<unknown>;
  pick: (module: unknown) => ComponentType;
}

function route<M>(path: string, chunk: PageChunk<M>, pick: (module: M) => ComponentType): PageRoute {
  return { path, chunk, pick: pick as (module: unknown) => ComponentType };
}

/** The routes under the layout, besides Home (which ships with the shell); the router is built from this table. */
export const PAGE_ROUTES: readonly PageRoute[] = [
  route("account", pageChunks.account, (m) => m.default),
  route("authorizations", pageChunks.authorizations, (m) => m.default),
  route("deploy", pageChunks.deploy, (m) => m.default),
  route("deployments/:dseq/bids", pageChunks.auction, (m) => m.default),
  route("deployments", pageChunks.deployments, (m) => m.DeploymentsListPage),
  route("deployments/:dseq", pageChunks.deployments, (m) => m.DeploymentDetailPage),
  route("templates", pageChunks.templates, (m) => m.TemplateGalleryPage),
  route("templates/:id", pageChunks.templates, (m) => m.TemplateDetailPage),
  route("spend", pageChunks.spend, (m) => m.default),
  route("providers", pageChunks.providers, (m) => m.default),
  route("providers/:owner", pageChunks.providerDetail, (m) => m.default),
  route("settings", pageChunks.settings, (m) => m.default),
  route("*", pageChunks.notFound, (m) => m.default),
];

/** The chunk of the page at `pathname` (none for Home, which ships with the shell, and unknown paths). */
export function chunkForPath(pathname: string): PageChunk<unknown> | undefined {
  // "*" would match Home too; a first visit to an unknown path is rare enough to load its page on demand.
  return PAGE_ROUTES.find((r) => r.path !== "*" && matchPath(`/${r.path}`, pathname))?.chunk;
}

/**
 * Starts downloading the chunk of the page at `pathname`. Settles when the chunk is in (or failed: the page reports
 * that when it renders), at once for a path without a chunk of its own.
 */
export function preloadPageChunk(pathname: string): Promise<void> {
  const chunk = chunkForPath(pathname);
  return chunk ? chunk.load().then(() => undefined, () => undefined) : Promise.resolve();
}
