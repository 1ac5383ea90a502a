import { describe, expect, it } from "vitest";
import { EventBidCreated } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { DevnetEventManager } from "./events.ts";

describe("DevnetEventManager.emitTyped", () => {
  it("emits the SDK's typed-event shape: sorted top-level fields as compact JSON, defaults included", () => {
    const em = new DevnetEventManager();
    const owner = "akash1qyqszqgpqyqszqgpqyqszqgpqyqszqgplgve5x";
    em.emitTyped(EventBidCreated, EventBidCreated.fromPartial({ id: { owner, dseq: "5", gseq: 1, oseq: 1, provider: owner, bseq: 0 }, price: { denom: "uact", amount: "50" } }));
    const ev = em.events[0]!;
    expect(ev.type).toBe("akash.market.v1.EventBidCreated");
    expect(ev.attributes.map((a) => a.key)).toEqual(["id", "price"]);
    expect(JSON.parse(ev.attributes[0]!.value)).toEqual({ owner, dseq: "5", gseq: 1, oseq: 1, provider: owner, bseq: 0 });
    expect(ev.attributes[1]!.value).toBe('{"denom":"uact","amount":"50"}');
  });
});
