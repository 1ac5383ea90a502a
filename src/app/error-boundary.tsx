import { Component, type ErrorInfo, type ReactNode } from "react";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { buttonClasses } from "@/components/ui/button";
import { getErrorMessage } from "@/lib/errors";

function ErrorPanel({ title, detail, onRetry }: { title: string; detail: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="mx-auto flex max-w-xl flex-col items-start gap-3 rounded-xl border border-danger/40 bg-danger/5 p-6">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="text-sm break-words text-muted">{detail}</p>
      <div className="flex gap-2">
        {onRetry && (
          <button type="button" className={buttonClasses("primary", "sm")} onClick={onRetry}>
            Try again
          </button>
        )}
        <Link to="/" className={buttonClasses("secondary", "sm")} reloadDocument>
          Go home
        </Link>
      </div>
    </div>
  );
}

/** Route-level errors (thrown while rendering a page, or a failed lazy chunk). The layout stays usable. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <ErrorPanel title="Page not found" detail="There is nothing at this address." />;
  }
  const message = getErrorMessage(error);
  const chunk = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(message);
  return <ErrorPanel title={chunk ? "This page could not be loaded" : "Something went wrong on this page"} detail={chunk ? "Part of the app failed to download. Check your connection and reload." : message} onRetry={() => window.location.reload()} />;
}

/** Last-resort boundary around the whole app: never a blank page. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("Unhandled UI error", error, info.componentStack);
  }
  override render() {
    if (this.state.error) {
      return (
        <div className="p-8">
          <div role="alert" className="mx-auto max-w-xl rounded-xl border border-danger/40 bg-danger/5 p-6">
            <h1 className="text-lg font-semibold">The console hit an unexpected error</h1>
            <p className="mt-2 text-sm break-words text-muted">{this.state.error.message}</p>
            <button type="button" className={buttonClasses("primary", "sm", "mt-4")} onClick={() => window.location.assign("/")}>
              Reload the console
            </button>
          </div>
        </div>
      );
    }
    return this.props.children;
  }
}
