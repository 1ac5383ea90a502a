import { describe, expect, it } from "vitest";
import { leaseUriHref } from "./lease-uri";

describe("leaseUriHref", () => {
  it("links bare host names and http(s) URIs", () => {
    expect(leaseUriHref("abc.ingress.provider.example")).toBe("http://abc.ingress.provider.example/");
    expect(leaseUriHref("abc.ingress.provider.example:31234")).toBe("http://abc.ingress.provider.example:31234/");
    expect(leaseUriHref("https://app.example.com/path")).toBe("https://app.example.com/path");
    expect(leaseUriHref("  http://app.example.com  ")).toBe("http://app.example.com/");
  });

  it("never links what a hostile provider could send instead", () => {
    for (const uri of ["javascript:alert(1)", "javascript://%0aalert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "file:///etc/passwd", "http://user:pass@evil.example", "", "   ", "http://"]) {
      expect(leaseUriHref(uri), uri).toBeNull();
    }
  });
});
