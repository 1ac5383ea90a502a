import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { Toaster } from "sonner";
import type { RuntimeConfig } from "@/lib/networks/networks";
import { NetworkProvider } from "@/shared/network";
import { WalletProvider } from "@/shared/wallet";
import { useTheme } from "@/features/settings/theme";
import { AppErrorBoundary } from "./error-boundary";
import type { createRouter } from "./router";

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Chain reads: retry transient failures briefly; the header shows when the node is down.
        retry: (count, error) => count < 2 && !/HTTP 4\d\d/.test(error.message),
        staleTime: 2_000,
        refetchOnWindowFocus: true,
      },
    },
  });
}

/** `router`: made by the caller while the runtime config loads (creating it takes tens of ms). */
export function App({ runtimeConfig, runtimeConfigError, router }: { runtimeConfig: RuntimeConfig | null; runtimeConfigError: string | null; router: ReturnType<typeof createRouter> }) {
  const [queryClient] = useState(createQueryClient);
  const { preference } = useTheme();
  const theme = preference === "system" ? "system" : preference;
  return (
    <AppErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <NetworkProvider runtimeConfig={runtimeConfig} runtimeConfigError={runtimeConfigError}>
          <WalletProvider>
            <RouterProvider router={router} />
          </WalletProvider>
        </NetworkProvider>
      </QueryClientProvider>
      <Toaster theme={theme} position="bottom-right" richColors closeButton />
    </AppErrorBoundary>
  );
}
