import { useQuery } from "@tanstack/react-query";
import { prepareManifest } from "@/lib/deployment/manifest";
import { sdlKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";

/** The manifest, hash and summary of an SDL text (`prepareManifest`, cached per text); data is the PrepareResult. */
export function usePreparedManifest(sdl: string | undefined) {
  const { network } = useNetwork();
  const requireUact = network.denoms.compute === "uact";
  return useQuery({
    queryKey: sdlKeys.manifest(sdl ?? "", requireUact),
    queryFn: () => prepareManifest(sdl!, { requireUact }),
    enabled: sdl !== undefined,
    staleTime: Infinity,
  });
}
