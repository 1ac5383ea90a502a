import { lazy, type ComponentType } from "react";
import { createBrowserRouter } from "react-router";
import { Layout } from "./layout";
import { HomePage } from "./routes/home-page";
import { RouteError } from "./error-boundary";
import { PAGE_ROUTES, type PageRoute } from "./page-chunks";

/**
 * A page in its own chunk. Once the chunk is in (preloaded, or shown before) the page renders without suspending:
 * React holds back content revealed after a Suspense fallback for up to 300 ms, which a first visit paid in full.
 */
function chunkPage({ chunk, pick }: PageRoute): ComponentType {
  // A failed download is the lazy page's to report when it renders.
  const Lazy = lazy(() => chunk.load().then((module) => ({ default: pick(module) })));
  return function Page() {
    const module = chunk.loaded;
    const Ready = module === undefined ? null : pick(module);
    return Ready ? <Ready /> : <Lazy />;
  };
}

const pages = PAGE_ROUTES.map((route) => ({ path: route.path, Page: chunkPage(route) }));

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
            ...pages.map(({ path, Page }) => ({ path, element: <Page /> })),
          ],
        },
      ],
    },
  ]);
}
