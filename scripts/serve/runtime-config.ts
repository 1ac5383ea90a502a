import type { RunningStack } from "../../server/stack.ts";

/**
 * The `/config.json` the app loads: points the Devnet entry at a running stack, and Mainnet and Sandbox at the
 * stack's provider proxy, which serves those networks too (each checked against its own chain).
 */
export function runtimeConfigFor(stack: Pick<RunningStack, "chainId" | "rpcUrl" | "restUrl" | "faucetUrl" | "proxyUrl">, blockMs?: number) {
  const proxy = stack.proxyUrl ? { proxyUrl: stack.proxyUrl } : {};
  return {
    defaultNetwork: "devnet",
    networks: {
      devnet: {
        chainId: stack.chainId,
        rpcUrl: stack.rpcUrl,
        restUrl: stack.restUrl,
        faucetUrl: stack.faucetUrl,
        ...proxy,
        ...(blockMs ? { blockTimeMs: blockMs } : {}),
      },
      ...(stack.proxyUrl ? { sandbox: { ...proxy, proxyNetwork: "sandbox" }, mainnet: { ...proxy, proxyNetwork: "mainnet" } } : {}),
    },
  };
}
