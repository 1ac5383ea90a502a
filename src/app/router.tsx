import { lazy, type ComponentType } from "react";
import { createBrowserRouter } from "react-router";
import { Layout } from "./layout";
import { HomePage } from "./routes/home-page";
import { RouteError } from "./error-boundary";
import { pageChunks, type PageChunk } from "./page-chunks";

/**
 * A page in its own chunk. Once the chunk is in (preloaded, or shown before) the page renders without suspending:
 * React holds back content revealed after a Suspense fallback for up to 300 ms, which a first visit paid in full.
 */
function page<M>(chunk: PageChunk<M>, pick: (module: M) => ComponentType) {
  // A failed download is the lazy page's to report when it renders.
  const Lazy = lazy(() => chunk.load().then((module) => ({ default: pick(module) })));
  function Page() {
    const module = chunk.loaded;
    const Ready = module === undefined ? null : pick(module);
    return Ready ? <Ready /> : <Lazy />;
  }
  return { Page };
}

const account = page(pageChunks.account, (m) => m.default);
const authorizations = page(pageChunks.authorizations, (m) => m.default);
const settings = page(pageChunks.settings, (m) => m.default);
const templateGallery = page(pageChunks.templates, (m) => m.TemplateGalleryPage);
const templateDetail = page(pageChunks.templates, (m) => m.TemplateDetailPage);
const deploy = page(pageChunks.deploy, (m) => m.default);
const auction = page(pageChunks.auction, (m) => m.default);
const deployments = page(pageChunks.deployments, (m) => m.DeploymentsListPage);
const deploymentDetail = page(pageChunks.deployments, (m) => m.DeploymentDetailPage);
const providers = page(pageChunks.providers, (m) => m.default);
const spend = page(pageChunks.spend, (m) => m.default);
const providerDetail = page(pageChunks.providerDetail, (m) => m.default);
const notFound = page(pageChunks.notFound, (m) => m.default);

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
