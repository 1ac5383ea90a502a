/**
 * For component tests (jsdom): renders into a real QueryClient, which tests seed through the production key
 * factories, inside a memory router; `waitFor` retries an assertion while React and queries settle.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { MemoryRouter } from "react-router";

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
}

export async function renderWithCache(ui: ReactNode, queryClient: QueryClient) {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  await act(async () =>
    root.render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>{ui}</MemoryRouter>
      </QueryClientProvider>,
    ),
  );
  const buttonNamed = (name: string) => {
    const button = [...container.querySelectorAll("button")].find((b) => b.textContent?.trim() === name);
    if (!button) throw new Error(`no button "${name}" in: ${container.innerHTML}`);
    return button;
  };
  return {
    container,
    buttonNamed,
    click: (name: string) => act(async () => buttonNamed(name).click()),
    /** Runs `fn` (a DOM event, a feed message) and lets React and the cache settle. */
    act: (fn: () => void) => act(async () => fn()),
    /** Runs `assertion` until it passes (or `timeoutMs` ran out: then its last failure is thrown). */
    waitFor: async (assertion: () => void, timeoutMs = 3000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          assertion();
          return;
        } catch (error) {
          if (Date.now() > deadline) throw error;
        }
        await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
      }
    },
    unmount: async () => {
      await act(async () => root.unmount());
      container.remove();
      queryClient.clear();
    },
  };
}
