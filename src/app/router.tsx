import { lazy } from "react";
import { createBrowserRouter, matchPath } from "react-router";
import { Layout } from "./layout";
import { HomePage } from "./routes/home-page";
import { RouteError } from "./error-boundary";

// Pages are their own chunks (the first visit downloads the shell and the page it opens); Home, the
// landing page, ships with the shell to save a round trip.
const chunks = {
  account: () => import("@/features/account/account-page"),
  authorizations: () => import("@/features/authorizations/authorizations-page"),
  settings: () => import("@/features/settings/settings-page"),
  templates: () => import("@/features/templates"),
  deploy: () => import("./routes/deploy-page"),
  auction: () => import("@/features/deploy/auction-page"),
  deployments: () => import("@/features/deployments"),
  providers: () => import("@/features/providers/providers-page"),
  spend: () => import("./routes/spend-page"),
  provider: () => import("@/features/providers/provider-detail-page"),
  notFound: () => import("./routes/not-found-page"),
};
const AccountPage = lazy(chunks.account);
const AuthorizationsPage = lazy(chunks.authorizations);
const SettingsPage = lazy(chunks.settings);
const TemplateGalleryPage = lazy(() => chunks.templates().then((m) => ({ default: m.TemplateGalleryPage })));
const TemplateDetailPage = lazy(() => chunks.templates().then((m) => ({ default: m.TemplateDetailPage })));
const DeployPage = lazy(chunks.deploy);
const AuctionPage = lazy(chunks.auction);
const DeploymentsPage = lazy(() => chunks.deployments().then((m) => ({ default: m.DeploymentsListPage })));
const DeploymentDetailPage = lazy(() => chunks.deployments().then((m) => ({ default: m.DeploymentDetailPage })));
const ProvidersPage = lazy(chunks.providers);
const SpendPage = lazy(chunks.spend);
const ProviderDetailPage = lazy(chunks.provider);
const NotFoundPage = lazy(chunks.notFound);

/** The chunk of the page at each route (Home ships with the shell). */
const ROUTE_CHUNKS: [string, () => Promise<unknown>][] = [
  ["/account", chunks.account],
  ["/authorizations", chunks.authorizations],
  ["/deploy", chunks.deploy],
  ["/deployments/:dseq/bids", chunks.auction],
  ["/deployments", chunks.deployments],
  ["/deployments/:dseq", chunks.deployments],
  ["/templates", chunks.templates],
  ["/templates/:id", chunks.templates],
  ["/spend", chunks.spend],
  ["/providers", chunks.providers],
  ["/providers/:owner", chunks.provider],
  ["/settings", chunks.settings],
];

/**
 * Starts downloading the chunk of the page at `pathname`, so a first visit fetches it alongside the runtime config
 * instead of after the shell's first render (the browser keeps one copy of a module: React.lazy gets the same one).
 */
export function preloadPageChunk(pathname: string): void {
  const chunk = ROUTE_CHUNKS.find(([path]) => matchPath(path, pathname))?.[1];
  // A failed download is the lazy page's to report when it renders.
  chunk?.().catch(() => undefined);
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
            { path: "account", element: <AccountPage /> },
            { path: "authorizations", element: <AuthorizationsPage /> },
            { path: "deploy", element: <DeployPage /> },
            { path: "deployments/:dseq/bids", element: <AuctionPage /> },
            { path: "deployments", element: <DeploymentsPage /> },
            { path: "deployments/:dseq", element: <DeploymentDetailPage /> },
            { path: "templates", element: <TemplateGalleryPage /> },
            { path: "templates/:id", element: <TemplateDetailPage /> },
            { path: "spend", element: <SpendPage /> },
            { path: "providers", element: <ProvidersPage /> },
            { path: "providers/:owner", element: <ProviderDetailPage /> },
            { path: "settings", element: <SettingsPage /> },
            { path: "*", element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
