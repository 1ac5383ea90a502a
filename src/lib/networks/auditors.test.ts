import { describe, expect, it } from "vitest";
import { auditState, isAudited, mergeTrustedAuditors } from "./auditors";
import { BUILTIN_NETWORKS, DEVNET_AUDITOR, MAINNET_AUDITOR } from "./networks";

const SELF = "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5";

describe("trusted auditors per network", () => {
  it("trusts the devnet auditor only on the devnet and mainnet's auditor only on mainnet", () => {
    expect(isAudited([DEVNET_AUDITOR], BUILTIN_NETWORKS.devnet.auditors)).toBe(true);
    // The devnet auditor's key is public: on mainnet its signature means nothing.
    expect(isAudited([DEVNET_AUDITOR], BUILTIN_NETWORKS.mainnet.auditors)).toBe(false);
    expect(isAudited([MAINNET_AUDITOR], BUILTIN_NETWORKS.mainnet.auditors)).toBe(true);
    expect(isAudited([MAINNET_AUDITOR], BUILTIN_NETWORKS.devnet.auditors)).toBe(false);
    expect(isAudited([DEVNET_AUDITOR, MAINNET_AUDITOR], BUILTIN_NETWORKS.sandbox.auditors)).toBe(false);
  });

  it("a provider that signs its own attributes is not audited; unknown signatures are kept for display", () => {
    const state = auditState([{ auditor: SELF, attributes: ["self"] }, { auditor: DEVNET_AUDITOR, attributes: ["real"] }], BUILTIN_NETWORKS.devnet.auditors);
    expect(state.audited).toBe(true);
    expect(state.auditors).toEqual([{ address: DEVNET_AUDITOR, name: "Devnet auditor", attributes: ["real"] }]);
    expect(state.unknown).toEqual([{ auditor: SELF, attributes: ["self"] }]);
    expect(auditState([{ auditor: SELF, attributes: [] }], BUILTIN_NETWORKS.devnet.auditors).audited).toBe(false);
    // Object keys such as "constructor" are not auditors.
    expect(isAudited(["constructor", "__proto__"], BUILTIN_NETWORKS.devnet.auditors)).toBe(false);
  });

  it("user-added auditors count on their network, and cannot rename away a built-in one", () => {
    const merged = mergeTrustedAuditors(BUILTIN_NETWORKS.sandbox.auditors, { [SELF]: "My auditor" });
    expect(isAudited([SELF], merged)).toBe(true);
    expect(mergeTrustedAuditors(BUILTIN_NETWORKS.devnet.auditors, { [DEVNET_AUDITOR]: "Fake" })[DEVNET_AUDITOR]).toBe("Devnet auditor");
  });
});
