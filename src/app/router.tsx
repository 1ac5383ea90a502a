import { lazy } from "react";
import { createBrowserRouter } from "react-router";
import { Layout } from "./layout";
import { HomePage } from "./routes/home-page";
import { RouteError } from "./error-boundary";

// Pages are their own chunks (the first visit downloads the shell and the page it opens); Home, the
// landing page, ships with the shell to save a round trip.
const AccountPage = lazy(() => import("@/features/account/account-page"));
const AuthorizationsPage = lazy(() => import("@/features/authorizations/authorizations-page"));
const SettingsPage = lazy(() => import("@/features/settings/settings-page"));
const TemplateGalleryPage = lazy(() => import("@/features/templates").then((m) => ({ default: m.TemplateGalleryPage })));
const TemplateDetailPage = lazy(() => import("@/features/templates").then((m) => ({ default: m.TemplateDetailPage })));
const DeployPage = lazy(() => import("./routes/deploy-page"));
const AuctionPage = lazy(() => import("@/features/deploy/auction-page"));
const DeploymentsPage = lazy(() => import("@/features/deployments").then((m) => ({ default: m.DeploymentsListPage })));
const DeploymentDetailPage = lazy(() => import("@/features/deployments").then((m) => ({ default: m.DeploymentDetailPage })));
const ProvidersPage = lazy(() => import("@/features/providers/providers-page"));
const SpendPage = lazy(() => import("./routes/spend-page"));
const ProviderDetailPage = lazy(() => import("@/features/providers/provider-detail-page"));
const NotFoundPage = lazy(() => import("./routes/not-found-page"));

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
