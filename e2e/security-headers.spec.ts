import { expect, openApp, test } from "./fixtures";

test("the app is served with a strict CSP and nosniff, and another site cannot frame it", async ({ page, request, baseURL }) => {
  const doc = await request.get(`${baseURL}/deploy`);
  const headers = doc.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("script-src 'self'");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  const script = /<script type="module" crossorigin src="([^"]+)"/.exec(await doc.text())?.[1];
  expect(script).toBeTruthy();
  const asset = await request.get(`${baseURL}${script}`);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
  // No source maps in the default build.
  expect((await asset.text()).includes("sourceMappingURL=")).toBe(false);

  // A page on another origin frames the console (clickjacking the signing dialogs): the browser refuses.
  await page.route("http://attacker.test/", (route) => route.fulfill({ contentType: "text/html", body: `<h1>win a prize</h1><iframe src="${baseURL}/deploy"></iframe>` }));
  await page.goto("http://attacker.test/");
  await expect(page.getByRole("heading", { name: "win a prize" })).toBeVisible();
  await expect.poll(() => page.frames().at(1)?.url()).toBe("chrome-error://chromewebdata/");
  await expect(page.frameLocator("iframe").getByRole("navigation", { name: "Main" })).toHaveCount(0);

  // Framed or not, the app itself runs under its CSP without a violation (the fixture checks the console).
  await openApp(page, "/deploy");
  await expect(page.getByTestId("sdl-status")).toHaveText("Valid", { timeout: 30_000 });
});
