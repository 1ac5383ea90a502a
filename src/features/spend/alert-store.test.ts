// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { emptyRecord, type AlertRecord } from "./alert-record";
import { forgetAlertRecord, moveAlertRecord, readAlertRecord, teamScope, writeAlertRecord } from "./alert-store";

describe("alert records follow their team", () => {
  afterEach(() => localStorage.clear());

  it("a renamed team keeps its rules and history under the new name; a removed one takes them with it", () => {
    const record: AlertRecord = { ...emptyRecord(), watchedFromHeight: 120, history: [{ id: "a1", type: "fired" as const, key: "wallet-low:uact", kind: "wallet-low", severity: "warning" as const, title: "Low balance", message: "below 5 ACT", atMs: 1, acknowledged: false }] };
    writeAlertRecord(teamScope("Ops"), record);

    moveAlertRecord(teamScope("Ops"), teamScope("Platform"));
    expect(readAlertRecord(teamScope("Platform"))).toEqual(record);
    expect(localStorage.length).toBe(1);
    expect(readAlertRecord(teamScope("Ops"))).toEqual(emptyRecord());

    // A team with no record moves nothing (and writes nothing).
    moveAlertRecord(teamScope("Nobody"), teamScope("Someone"));
    expect(localStorage.length).toBe(1);

    forgetAlertRecord(teamScope("Platform"));
    expect(localStorage.length).toBe(0);
  });
});
