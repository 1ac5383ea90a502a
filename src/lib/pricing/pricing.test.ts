import { describe, expect, it } from "vitest";
import { summarizeSdl } from "../sdl/resources";
import { resourcesToShape } from "./market";
import { convertMicro, depositFor, depositRunway, estimateCost, estimateMarketPrice, escrowTimeLeft, microToAkt, microToUsd, parseBids, parseMinDeposits, parsePriceScale, parseProviderScales, perBlockToHourly, perBlockToMonthly, scalePrice, blocksPerMonth, burnFigures, describeEvidence, widenFactor } from "./index";

const sdl = {
  version: "2.0",
  services: { web: { image: "nginx", expose: [{ port: 80, as: 80, to: [{ global: true }] }] } },
  profiles: {
    compute: { web: { resources: { cpu: { units: 0.5 }, memory: { size: "512Mi" }, storage: [{ size: "1Gi" }] } } },
    placement: { dc: { pricing: { web: { denom: "uact", amount: 100 } } } },
  },
  deployment: { web: { dc: { profile: "web", count: 2 } } },
};

describe("time maths", () => {
  it("turns per-block amounts into time at the block time it is given, with 30.437-day months", () => {
    expect(perBlockToHourly(1, 6.098)).toBeCloseTo(3600 / 6.098, 9);
    expect(perBlockToMonthly(1, 6.098)).toBeCloseTo((3600 / 6.098) * 24 * 30.437, 6);
    expect(Math.round(blocksPerMonth(6.098))).toBe(431_249);
    // A 1 s devnet block makes a per-block price 6.098× dearer per hour than mainnet's.
    expect(perBlockToHourly(1, 1)).toBe(3600);
  });

  it("refuses a block time that is not a positive number", () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => perBlockToHourly(1, bad)).toThrow(/Invalid block time/);
  });
});

describe("the escrow invariant: balance ÷ burn rate = time left", () => {
  it("holds for every screen's figures, whatever the block time", () => {
    for (const secondsPerBlock of [0.2, 1, 5.7, 6.098, 12]) {
      for (const [balance, rate] of [[1_499_900, 1.72], [5_000_000, 100], [20_000_000, 3_000], [123, 0.0007]] as const) {
        const f = burnFigures(balance, rate, secondsPerBlock);
        const hoursLeft = balance / f.perHour;
        // Time left counts whole blocks, so it may fall short of the exact quotient by less than one block.
        expect(hoursLeft * 3600 - f.secondsLeft!).toBeGreaterThanOrEqual(0);
        expect(hoursLeft * 3600 - f.secondsLeft!).toBeLessThan(secondsPerBlock);
        expect(f.perDay).toBeCloseTo(f.perHour * 24, 6);
        expect(f.perMonth).toBeCloseTo(f.perDay * 30.437, 4);
        // The runway of a deposit is the same figure.
        expect(depositRunway(balance, rate, secondsPerBlock)!.seconds).toBe(f.secondsLeft);
      }
    }
  });

  it("reports the issue's case consistently: 1.4999 ACT at 0.0062 ACT/h is about 242 h, not 1 d 15 h", () => {
    const secondsPerBlock = 1;
    const rate = 0.0062e6 / 3600; // uact per 1 s block
    const f = burnFigures(1_499_900, rate, secondsPerBlock);
    expect(f.perHour).toBeCloseTo(6200, 6);
    expect(f.secondsLeft! / 3600).toBeCloseTo(241.9, 1);
  });

  it("has no time left to show when nothing is spent", () => {
    expect(burnFigures(1_000_000, 0, 6).secondsLeft).toBeNull();
    expect(burnFigures(1_000_000, 0, 6).perHour).toBe(0);
  });
});

describe("denoms", () => {
  it("treats ACT as USD and converts AKT at a given price", () => {
    expect(microToUsd(2_500_000, "uact")).toBe(2.5);
    expect(microToUsd(1_000_000, "uakt")).toBeUndefined();
    expect(microToUsd(1_000_000, "uakt", 3)).toBe(3);
    expect(microToAkt(3_000_000, "uact", 1.5)).toBe(2);
    expect(convertMicro(1000, "uakt", "uact", 2)).toBe(2000);
    expect(convertMicro(1000, "uact", "uakt", 2)).toBe(500);
  });
});

describe("deposits", () => {
  it("computes runway and the deposit for a duration", () => {
    const r = depositRunway(5_000_000, 100, 6.098)!;
    expect(r.blocks).toBe(50_000);
    expect(r.days).toBeCloseTo((50_000 * 6.098) / 86_400, 6);
    expect(depositRunway(5_000_000, 100, 1)!.seconds).toBe(50_000);
    expect(depositFor(86_400, 100, 6.098)).toBe(Math.ceil((86_400 / 6.098) * 100));
    expect(depositFor(86_400, 100, 1)).toBe(8_640_000);
    expect(depositFor(60, 1, 6, 5_000_000)).toBe(5_000_000);
    expect(escrowTimeLeft(1000, 10, 6, 500)!.blocks).toBe(50);
    expect(depositRunway(1, 0, 6)).toBeUndefined();
    expect(parseMinDeposits({ params: { min_deposits: [{ denom: "uact", amount: "5000000" }, { denom: "uakt", amount: "x" }] } })).toEqual({ uact: 5_000_000 });
  });
});

describe("market estimate", () => {
  const summary = summarizeSdl(sdl);
  const shape = { cpuMillis: 500, memoryBytes: 512 * 1024 ** 2, storage: [{ bytes: 1024 ** 3, class: "ephemeral" }], gpuUnits: 0, endpoints: 1, leasedIps: 0, count: 2 };

  it("prices with the provider scale formula", () => {
    const scale = parsePriceScale("p1", [
      { key: "pricing/bidpricecpuscale", value: "0.004" },
      { key: "bid-price-memory-scale", value: "0.0016" },
      { key: "bidpricestoragescale", value: "0.00016,beta2=0.0002" },
      { key: "bidpriceendpointscale", value: "1" },
      { key: "bidpriceipscale", value: "60" },
    ])!;
    expect(scale.storage).toEqual({ default: 0.00016, beta2: 0.0002 });
    const { amount } = scalePrice(scale, [shape]);
    expect(amount).toBeCloseTo(2 * (500 * 0.004 + 512 * 0.0016 + 1024 * 0.00016 + 1), 9);
  });

  it("degrades to SDL max price only with no market data", () => {
    const est = estimateCost(summary, 6.098);
    expect(est.market.basis).toBe("none");
    expect(est.market.confidence).toBe("none");
    expect(est.totalMarket).toBeUndefined();
    expect(est.totalMax.perBlock).toBe(200);
    expect(est.totalMax.perMonth).toBeCloseTo(200 * blocksPerMonth(6.098), 3);
    expect(estimateCost(summary, 1).totalMax.perHour).toBe(200 * 3600);
  });

  it("gives a range from several providers and comparable bids", () => {
    const providers = parseProviderScales({
      providers: [
        { owner: "akash1a", attributes: [{ key: "bidpricecpuscale", value: "0.004" }, { key: "bidpricememoryscale", value: "0.0016" }, { key: "bidpricestoragescale", value: "0.00016" }, { key: "bidpriceendpointscale", value: "1" }] },
        { owner: "akash1b", attributes: [{ key: "bidpricecpuscale", value: "0.008" }, { key: "bidpricememoryscale", value: "0.003" }, { key: "bidpricestoragescale", value: "0.0002" }] },
        { owner: "akash1c", attributes: [{ key: "region", value: "x" }] },
        "garbage",
      ],
    });
    expect(providers.map((p) => p.provider)).toEqual(["akash1a", "akash1b"]);
    const bids = parseBids(
      {
        bids: [
          { bid: { id: { owner: "o", dseq: "1", gseq: 1, oseq: 1, provider: "akash1z" }, price: { denom: "uact", amount: "9.5" }, resources_offer: [] } },
          { bid: { price: { denom: "uakt", amount: "1" } } },
          null,
        ],
      },
      { orders: [{ id: { owner: "o", dseq: "1", gseq: 1, oseq: 1 }, spec: { resources: [{ resource: { cpu: { units: { val: "500" } }, memory: { quantity: { val: String(512 * 1024 ** 2) } }, storage: [], gpu: { units: { val: "0" } }, endpoints: [{ kind: "SHARED_HTTP" }] }, count: 1 }] } }] },
    );
    expect(bids[0]!.units[0]!.cpuMillis).toBe(500);
    const est = estimateMarketPrice([shape], "uact", { providers, bids });
    expect(est.basis).toBe("providers+bids");
    expect(est.providersUsed).toBe(2);
    expect(est.bidsUsed).toBe(1);
    expect(est.range!.low).toBeLessThan(est.range!.high);
    const cost = estimateCost(summary, 6, { providers, bids });
    expect(cost.totalMarket!.typical.perMonth).toBeGreaterThan(0);
    expect(cost.lines[0]!.market).toBeDefined();
  });

  it("widens a range seen from thin data and says how thin it is (no \"58.46 – 58.46 from 1 price list\")", () => {
    const one = parsePriceScale("p", { bidpricecpuscale: "0.004", bidpricememoryscale: "0.0016", bidpricestoragescale: "0.00016", bidpriceendpointscale: "1" })!;
    const est = estimateMarketPrice([shape], "uact", { providers: [one], bids: [] });
    expect(est.confidence).toBe("thin");
    expect(est.observed!.low).toBe(est.observed!.high);
    expect(est.range!.low).toBeCloseTo(est.observed!.low / 2, 9);
    expect(est.range!.high).toBeCloseTo(est.observed!.high * 2, 9);
    expect(est.range!.typical).toBe(est.observed!.typical);
    // The lone Ollama bid 76 % above the single price list falls inside the widened range.
    expect(est.observed!.typical * 1.76).toBeLessThan(est.range!.high);
    expect(describeEvidence(est)).toBe("Thin market data: only 1 provider price list and no recent comparable bid. Real bids can differ a lot from so few prices, so the range runs from the lowest seen ÷ 2 to the highest × 2.");
    const many = estimateMarketPrice([shape], "uact", { providers: [1, 2, 3, 4, 5].map((i) => ({ ...one, provider: `p${i}`, cpu: one.cpu * i })), bids: [] });
    expect(many.confidence).toBe("fair");
    expect(many.range).toEqual(many.observed);
    expect(describeEvidence(many)).toBe("From 5 provider price lists and no recent comparable bid.");
    expect([1, 2, 3, 4, 5, 50].map(widenFactor)).toEqual([2, 1.5, 1.25, 1.25, 1, 1]);
  });

  it("says when GPU work is priced by providers' default GPU price rather than the model's", () => {
    const p = parsePriceScale("p", { bidpricecpuscale: "1", bidpricememoryscale: "1", bidpricestoragescale: "1", bidpricegpuscale: "100,a100=900" })!;
    const gpu = { ...shape, gpuUnits: 1, gpuModels: ["nvidia t4"] };
    const est = estimateMarketPrice([gpu], "uact", { providers: [p], bids: [] });
    expect(est.gpuDefaultPriced).toBe(1);
    expect(est.notes.join(" ")).toMatch(/1 provider prices this GPU model only through a default GPU price/);
    expect(estimateMarketPrice([{ ...gpu, gpuModels: ["nvidia a100"] }], "uact", { providers: [p], bids: [] }).gpuDefaultPriced).toBe(0);
  });

  it("leaves GPU work out of providers that publish no GPU price", () => {
    const p = parsePriceScale("p", { bidpricecpuscale: "1", bidpricememoryscale: "1" })!;
    const est = estimateMarketPrice([{ ...shape, gpuUnits: 1 }], "uact", { providers: [p], bids: [] });
    expect(est.basis).toBe("none");
    expect(est.notes.join(" ")).toMatch(/GPU/);
  });
});

describe("status pricing and AKT price", () => {
  it("reads the scale prices a provider publishes in /status", async () => {
    const { parseStatusPricing, parseAktPriceFromLedger } = await import("./market");
    const s = parseStatusPricing("p", { devnet: { pricing: { strategy: "scale", cpu: "0.004", memory: "0.0016", storage: { ephemeral: "0.0001", beta2: "0.0002" }, endpoint: "1", ip: "60", gpu: { a100: "900", "*": "500" } } } })!;
    expect(s).toMatchObject({ cpu: 0.004, memory: 0.0016, endpoint: 1, ip: 60, storage: { ephemeral: 0.0001, beta2: 0.0002 }, gpu: { a100: 900, default: 500 } });
    expect(parseStatusPricing("p", { cluster: {} })).toBeUndefined();
    expect(parseAktPriceFromLedger({ records: [{ executed_record: { burned: { coin: { denom: "uakt", amount: "1" }, price: "2.37" } } }] })).toBe(2.37);
    expect(parseAktPriceFromLedger("garbage")).toBeUndefined();
  });
});

describe("provider capabilities", () => {
  it("leaves out providers that cannot host the GPU model, storage class or IP", async () => {
    const { parseCapabilities, canHost, estimateMarketPrice, parsePriceScale } = await import("./market");
    const caps = parseCapabilities([
      { key: "capabilities/gpu/vendor/nvidia/model/a100", value: "true" },
      { key: "capabilities/gpu/vendor/nvidia/model/a100/ram/80Gi", value: "true" },
      { key: "capabilities/storage/1/class", value: "beta2" },
      { key: "region", value: "eu" },
    ]);
    expect(caps).toEqual({ gpuModels: ["nvidia/a100"], storageClasses: ["beta2"], ipLease: false });
    const unit = { cpuMillis: 1000, memoryBytes: 1024 ** 3, storage: [{ bytes: 1024 ** 3, class: "beta2" }], gpuUnits: 1, gpuModels: ["nvidia a100 80Gi"], endpoints: 1, leasedIps: 0, count: 1 };
    expect(canHost(caps, [unit])).toBe(true);
    expect(canHost(caps, [{ ...unit, gpuModels: ["nvidia t4"] }])).toBe(false);
    expect(canHost(caps, [{ ...unit, gpuModels: ["nvidia *"] }])).toBe(true);
    expect(canHost(caps, [{ ...unit, storage: [{ bytes: 1, class: "beta3" }] }])).toBe(false);
    expect(canHost(caps, [{ ...unit, leasedIps: 1 }])).toBe(false);
    expect(canHost(undefined, [unit])).toBe(true);
    const scale = { ...parsePriceScale("p", { bidpricecpuscale: "1", bidpricememoryscale: "1", bidpricegpuscale: "100" })!, capabilities: { gpuModels: [], storageClasses: [], ipLease: false } };
    const est = estimateMarketPrice([unit], "uact", { providers: [scale], bids: [] });
    expect(est.basis).toBe("none");
    expect(est.notes.join(" ")).toMatch(/1 provider lacks the GPU model/);
  });
});

describe("resource values", () => {
  it("reads ResourceValue.val as a decimal string, or as base64 of one (padded or not)", () => {
    const shape = resourcesToShape({ cpu: { units: { val: "NTAw" } }, memory: { quantity: { val: "MTA0ODU3Ng" } }, gpu: { units: { val: "2" } } }, 1);
    expect([shape.cpuMillis, shape.memoryBytes, shape.gpuUnits]).toEqual([500, 1048576, 2]);
    expect(resourcesToShape({ cpu: { units: { val: "%%" } } }, 1).cpuMillis).toBe(0);
  });
});
