import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchFeedTemplate, fetchTemplateList, FeedError, parseTemplateList } from "./feed";

afterEach(() => vi.unstubAllGlobals());

describe("template feed", () => {
  it("parses the list format and skips garbage entries", () => {
    const list = parseTemplateList([
      { title: "Blogging", templates: [{ id: "ghost", name: "Ghost", summary: "A blog", persistentStorageEnabled: true }, { nope: 1 }, "junk"] },
      { title: 42, templates: [] },
      null,
      { title: "AI - GPU", templates: [{ id: "ghost", name: "dup" }, { id: "llama", name: "Llama" }] },
    ]);
    expect(list).toEqual([
      { id: "ghost", name: "Ghost", category: "Blogging", description: "A blog", persistentStorage: true },
      { id: "llama", name: "Llama", category: "AI - GPU", description: "", persistentStorage: false },
    ]);
    expect(() => parseTemplateList({ hello: "world" })).toThrow(FeedError);
  });

  it("reports a feed that is down, not JSON, or answers an error", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));
    await expect(fetchTemplateList("https://feed.invalid")).rejects.toThrow(/unreachable/);
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(new Response("<html>", { status: 200 })));
    await expect(fetchTemplateList("https://feed.invalid")).rejects.toThrow(/not JSON/);
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(new Response("{}", { status: 503 })));
    await expect(fetchTemplateList("https://feed.invalid")).rejects.toThrow(/HTTP 503/);
  });

  it("refuses a feed over plain http (except on this machine) before fetching anything", async () => {
    const fetch = vi.fn().mockImplementation(async () => new Response("[]", { status: 200 }));
    vi.stubGlobal("fetch", fetch);
    await expect(fetchTemplateList("http://feed.example.com")).rejects.toThrow(/must be an https:\/\/ address/);
    await expect(fetchTemplateList("ftp://feed.example.com")).rejects.toThrow(/https/);
    expect(fetch).not.toHaveBeenCalled();
    await expect(fetchTemplateList("http://localhost:8080")).resolves.toEqual([]);
    await expect(fetchTemplateList("https://feed.example.com")).resolves.toEqual([]);
    expect(fetch.mock.calls.map(([, init]) => (init as RequestInit).redirect)).toEqual(["error", "error"]);
  });

  it("loads one template with its SDL and README from the id URL", async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify({ id: "a b", name: "A", summary: "s", readme: "# A", deploy: "version: '2.0'" })));
    vi.stubGlobal("fetch", fetchMock);
    const t = await fetchFeedTemplate("https://feed.example/", "a b");
    expect(fetchMock.mock.calls[0]![0]).toBe("https://feed.example/v1/templates/a%20b.json");
    expect(t).toMatchObject({ id: "a b", sdl: "version: '2.0'", readme: "# A", source: "feed" });
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(new Response(JSON.stringify({ id: "x", name: "X" }))));
    await expect(fetchFeedTemplate("https://feed.example", "x")).rejects.toThrow(/without a usable SDL/);
  });
});
