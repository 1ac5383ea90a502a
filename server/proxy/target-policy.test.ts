import { describe, expect, it } from "vitest";
import type { LookupAddress } from "node:dns";
import { TargetPolicy, isPrivateAddress, parseProviderUrl } from "./target-policy.ts";
import { FakeRegistry } from "./testing/fake-provider.ts";

describe("parseProviderUrl", () => {
  it("accepts https host names and refuses http, IP literals, .local and credentials", () => {
    expect(parseProviderUrl("https://provider.europlots.com:8443/lease/1/1/1/status").host).toBe("provider.europlots.com:8443");
    expect(() => parseProviderUrl("http://provider.example.com:8443/")).toThrow(expect.objectContaining({ code: "insecureUrl" }));
    expect(() => parseProviderUrl("https://10.0.0.1:8443/")).toThrow(expect.objectContaining({ code: "ipLiteralUrl" }));
    expect(() => parseProviderUrl("https://[fe80::1]:8443/")).toThrow(expect.objectContaining({ code: "ipLiteralUrl" }));
    expect(() => parseProviderUrl("https://nas.local/")).toThrow(expect.objectContaining({ code: "privateNetwork" }));
    expect(() => parseProviderUrl("https://nas.local./")).toThrow(expect.objectContaining({ code: "privateNetwork" }));
    expect(() => parseProviderUrl("https://NAS.LOCAL../")).toThrow(expect.objectContaining({ code: "privateNetwork" }));
    expect(() => parseProviderUrl("https://u:p@provider.example.com/")).toThrow(expect.objectContaining({ code: "invalidRequest" }));
    expect(() => parseProviderUrl("not a url")).toThrow(expect.objectContaining({ code: "invalidRequest" }));
  });
});

describe("isPrivateAddress", () => {
  it("classifies loopback, private, link-local and mapped addresses", () => {
    const refused = [
      ...["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0"],
      // The gaps a review found: NAT64, 6to4, IPv4-compatible, multicast, reserved, broadcast, IETF, site-local.
      ...["64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "2002:7f00:1::", "::7f00:1", "::127.0.0.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.0.8", "fec0::1", "ff02::1"],
      // Other notations of loopback and private IPv4.
      ...["::ffff:7f00:1", "0:0:0:0:0:ffff:7f00:1", "::ffff:10.0.0.1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "::"],
    ];
    for (const a of refused) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ["8.8.8.8", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPrivateAddress(a), a).toBe(false);
    }
  });
});

describe("TargetPolicy", () => {
  it("only allows the provider's registered host and port", async () => {
    const registry = new FakeRegistry();
    registry.hosts.set("akash1p", "https://provider.example.com:8443");
    const policy = new TargetPolicy(registry, false);
    await expect(policy.resolve("https://provider.example.com:8443/status", "akash1p")).resolves.toBeInstanceOf(URL);
    await expect(policy.resolve("https://provider.example.com:9443/status", "akash1p")).rejects.toMatchObject({ code: "hostMismatch" });
    await expect(policy.resolve("https://evil.example.com:8443/status", "akash1p")).rejects.toMatchObject({ code: "hostMismatch" });
  });

  it("resolves *.localhost to loopback only for the devnet", async () => {
    const devnet = new TargetPolicy(new FakeRegistry(), true);
    expect(await lookup(devnet, "provider-1.localhost")).toEqual([{ address: "127.0.0.1", family: 4 }]);
    const production = new TargetPolicy(new FakeRegistry(), false);
    await expect(lookup(production, "provider-1.localhost")).rejects.toMatchObject({ code: "privateNetwork" });
    await expect(lookup(production, "localhost")).rejects.toMatchObject({ code: "privateNetwork" });
  });
});

function lookup(policy: TargetPolicy, hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    policy.lookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses as LookupAddress[])));
  });
}
