import type { RunningStack } from "../../server/stack.ts";

/** The `/config.json` the app loads: points the Devnet entry at a running stack. */
export function runtimeConfigFor(stack: Pick<RunningStack, "chainId" | "rpcUrl" | "restUrl" | "faucetUrl" | "proxyUrl">, blockMs?: number) {
  return {
    defaultNetwork: "devnet",
    networks: {
      devnet: {
        chainId: stack.chainId,
        rpcUrl: stack.rpcUrl,
        restUrl: stack.restUrl,
        faucetUrl: stack.faucetUrl,
        ...(stack.proxyUrl ? { proxyUrl: stack.proxyUrl } : {}),
        ...(blockMs ? { blockTimeMs: blockMs } : {}),
      },
    },
  };
}
