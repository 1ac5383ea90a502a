import { lazy, type ComponentType } from "react";
import { createBrowserRouter, matchPath } from "react-router";
import { Layout } from "./layout";
import { HomePage } from "./routes/home-page";
import { RouteError } from "./error-boundary";

// Pages are their own chunks (the first visit downloads the shell and the page it opens); Home, the
// landing page, ships with the shell to save a round trip.

/**
 * A page in its own chunk. Once the chunk is in (preloaded, or shown before) the page renders without suspending:
 * React holds back content revealed after a Suspense fallback for up to 300 ms, which a first visit paid in full.
 */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  let ready: ComponentType | null = null;
  const loadAndKeep = () =>
    load().then((module) => {
      ready = pick(module);
      return { default: ready };
    });
  const Lazy = lazy(loadAndKeep);
  function Page() {
    const Ready = ready;
    return Ready ? <Ready /> : <Lazy />;
  }
  // A failed download is the lazy page's to report when it renders.
  return { Page, preload: () => loadAndKeep().then(() => undefined, () => undefined) };
}

const account = page(() => import("@/features/account/account-page"), (m) => m.default);
const authorizations = page(() => import("@/features/authorizations/authorizations-page"), (m) => m.default);
const settings = page(() => import("@/features/settings/settings-page"), (m) => m.default);
const templateGallery = page(() => import("@/features/templates"), (m) => m.TemplateGalleryPage);
const templateDetail = page(() => import("@/features/templates"), (m) => m.TemplateDetailPage);
const deploy = page(() => import("./routes/deploy-page"), (m) => m.default);
const auction = page(() => import("@/features/deploy/auction-page"), (m) => m.default);
const deployments = page(() => import("@/features/deployments"), (m) => m.DeploymentsListPage);
const deploymentDetail = page(() => import("@/features/deployments"), (m) => m.DeploymentDetailPage);
const providers = page(() => import("@/features/providers/providers-page"), (m) => m.default);
const spend = page(() => import("./routes/spend-page"), (m) => m.default);
const providerDetail = page(() => import("@/features/providers/provider-detail-page"), (m) => m.default);
const notFound = page(() => import("./routes/not-found-page"), (m) => m.default);

/** The page at each route (Home ships with the shell). */
const ROUTE_PAGES: [string, { preload: () => Promise<void> }][] = [
  ["/account", account],
  ["/authorizations", authorizations],
  ["/deploy", deploy],
  ["/deployments/:dseq/bids", auction],
  ["/deployments", deployments],
  ["/deployments/:dseq", deploymentDetail],
  ["/templates", templateGallery],
  ["/templates/:id", templateDetail],
  ["/spend", spend],
  ["/providers", providers],
  ["/providers/:owner", providerDetail],
  ["/settings", settings],
];

/**
 * Starts downloading the chunk of the page at `pathname`, so a first visit fetches it alongside the runtime config
 * instead of after the shell's first render, and renders it at once. Settles when the chunk is in (or failed, or
 * the path has no chunk of its own).
 */
export function preloadPageChunk(pathname: string): Promise<void> {
  return ROUTE_PAGES.find(([path]) => matchPath(path, pathname))?.[1].preload() ?? Promise.resolve();
}

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <HomePage /> },
            { path: "account", element: <account.Page /> },
            { path: "authorizations", element: <authorizations.Page /> },
            { path: "deploy", element: <deploy.Page /> },
            { path: "deployments/:dseq/bids", element: <auction.Page /> },
            { path: "deployments", element: <deployments.Page /> },
            { path: "deployments/:dseq", element: <deploymentDetail.Page /> },
            { path: "templates", element: <templateGallery.Page /> },
            { path: "templates/:id", element: <templateDetail.Page /> },
            { path: "spend", element: <spend.Page /> },
            { path: "providers", element: <providers.Page /> },
            { path: "providers/:owner", element: <providerDetail.Page /> },
            { path: "settings", element: <settings.Page /> },
            { path: "*", element: <notFound.Page /> },
          ],
        },
      ],
    },
  ]);
}
