import { lazy, Suspense, useEffect, useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router";
import { usePrefetchQuery } from "@tanstack/react-query";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { blockTimingQuery } from "@/shared/chain-data";
import { NetworkStatus, NetworkSwitcher, NodeProblemBanner, useNetwork } from "@/shared/network";
import { ThemeToggle } from "@/features/settings/theme-toggle";
import { ConnectWalletDialog, WalletButton } from "@/shared/wallet";

// Deployments waiting for a provider (e.g. a tab closed mid-flow); its own chunk.
const RecoveryBanner = lazy(() => import("@/features/deploy/recovery-banner"));

const NAV = [
  { to: "/", label: "Home", end: true },
  { to: "/deploy", label: "Deploy" },
  { to: "/deployments", label: "Deployments" },
  { to: "/spend", label: "Spend" },
  { to: "/templates", label: "Templates" },
  { to: "/providers", label: "Providers" },
  { to: "/account", label: "Account" },
  { to: "/authorizations", label: "Authorizations" },
  { to: "/settings", label: "Settings" },
];

function Logo() {
  return (
    <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--brand)" />
      <path d="M9 22l5.2-12h3.6L23 22h-3.4l-1-2.6h-5.2l-1 2.6H9zm5.4-5.2h3.2L16 12.6l-1.6 4.2z" fill="#fff" />
    </svg>
  );
}

export function Layout() {
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setMenuOpen(false);
  }
  useEffect(() => {
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [location.pathname]);
  // Per-hour prices, runways and time-left figures on every page use the measured block time: start measuring it
  // (two headers, one after the other, cached ten minutes) as the layout renders, before the page below asks for its
  // own reads: a node answers in order, and behind a page's long lists the second header would wait for them.
  const { network } = useNetwork();
  usePrefetchQuery(blockTimingQuery(network));

  const navLinks = (className: string) =>
    NAV.map((item) => (
      <NavLink
        key={item.to}
        to={item.to}
        end={item.end}
        className={({ isActive }) => cn(className, isActive ? "bg-surface-2 font-semibold text-fg" : "text-muted hover:bg-surface-2 hover:text-fg")}
      >
        {item.label}
      </NavLink>
    ));

  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-20 border-b border-border bg-surface/95 backdrop-blur">
        <div className="flex h-14 items-center gap-2 px-3 sm:gap-3 sm:px-4">
          <button
            type="button"
            className="inline-flex size-8 items-center justify-center rounded-lg border border-border md:hidden"
            aria-label="Menu"
            aria-expanded={menuOpen}
            aria-controls="mobile-nav"
            onClick={() => setMenuOpen((v) => !v)}
          >
            <svg viewBox="0 0 20 20" className="size-4" aria-hidden="true">
              <path d="M3 6h14M3 10h14M3 14h14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
          <NavLink to="/" className="flex shrink-0 items-center gap-2 font-semibold" aria-label="Akash Console home">
            <Logo />
            <span className="hidden lg:inline">Akash Console</span>
          </NavLink>
          <div className="ml-auto flex min-w-0 items-center gap-1.5 sm:gap-2">
            <NetworkSwitcher />
            <NetworkStatus compact />
            <ThemeToggle />
            <WalletButton />
          </div>
        </div>
        {menuOpen && (
          <nav id="mobile-nav" aria-label="Main" className="flex flex-col gap-1 border-t border-border px-3 py-2 md:hidden">
            {navLinks("rounded-md px-3 py-2 text-sm")}
          </nav>
        )}
      </header>
      <NodeProblemBanner />
      <Suspense fallback={null}>
        <RecoveryBanner />
      </Suspense>
      <div className="flex flex-1">
        <nav aria-label="Main" className="hidden w-52 shrink-0 flex-col gap-1 border-r border-border px-3 py-4 md:flex">
          {navLinks("rounded-md px-3 py-2 text-sm")}
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8">
          <Suspense
            fallback={
              <div className="flex items-center gap-2 text-sm text-muted" role="status">
                <Spinner className="size-4" /> Loading…
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </main>
      </div>
      <ConnectWalletDialog />
    </div>
  );
}
