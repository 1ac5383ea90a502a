import { describe, expect, it } from "vitest";
import { leaseSpendCsv, LEASE_CSV_HEADER } from "./csv";
import type { SpendHistory } from "./history";
import { atomsFromMicro } from "./money";

const lease = (dseq: string, spentMicro: number) => ({
  lease: { owner: "akash1me", dseq, gseq: 1, oseq: 1, provider: "akash1prov", state: "active", reason: "", denom: "uact", priceAtoms: atomsFromMicro(3), createdAt: 10, closedOn: 0, unsettledAtoms: 0n },
  spent: atomsFromMicro(spentMicro),
  lifetime: atomsFromMicro(spentMicro),
});
const range: SpendHistory = { from: "2026-03-01", to: "2026-03-02", latestHeight: 100, fromHeight: 1, toHeight: 101, days: [], leases: [lease("7", 270), lease("8", 0), lease("9", 30)], total: {}, errorBound: {}, headerFetches: 0 };

describe("leaseSpendCsv", () => {
  it("has no name column unless names are given (the spend report's CSV stays as it was)", () => {
    const [header, ...rows] = leaseSpendCsv(range).trim().split("\n");
    expect(header).toBe(LEASE_CSV_HEADER.join(","));
    expect(rows).toEqual(["akash1me,7,1,1,akash1prov,active,uact,3,10,0,2026-03-01,2026-03-02,1,101,270,270", "akash1me,9,1,1,akash1prov,active,uact,3,10,0,2026-03-01,2026-03-02,1,101,30,30"]);
  });

  it("puts each deployment's name after its dseq, quoted when it needs to be and defused against formulas", () => {
    const names: Record<string, string> = { "7": "web, staging", "9": "=HYPERLINK(1)" };
    const [header, ...rows] = leaseSpendCsv(range, (owner, dseq) => (owner === "akash1me" ? names[dseq] : undefined)).trim().split("\n");
    expect(header!.split(",").slice(0, 4)).toEqual(["owner", "dseq", "name", "gseq"]);
    expect(rows[0]).toBe('akash1me,7,"web, staging",1,1,akash1prov,active,uact,3,10,0,2026-03-01,2026-03-02,1,101,270,270');
    expect(rows[1]!.startsWith('akash1me,9,"=HYPERLINK(1)",1,')).toBe(true);
    const unnamed = leaseSpendCsv(range, () => undefined).trim().split("\n")[1];
    expect(unnamed).toBe("akash1me,7,,1,1,akash1prov,active,uact,3,10,0,2026-03-01,2026-03-02,1,101,270,270");
  });
});
