import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** These pages work without the chain, so they do not wait for the node indicator (slow on a busy machine). */
async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
}

/**
 * The cost panel's max per month is `amount` uact per block over a 30.437-day month at the block time the panel
 * says it uses (the network's measured one), within the rounding of the shown block time.
 */
async function expectMaxMonth(page: Page, amountPerBlock: number) {
  await expect
    .poll(async () => {
      const basis = (await page.getByTestId("cost-block-time").innerText()).match(/\(([\d.]+) s blocks/);
      const shown = (await page.getByTestId("cost-max-month").innerText()).match(/([\d,.]+) ACT/);
      if (!basis || !shown) return Infinity;
      const expected = (amountPerBlock * (86_400 * 30.437)) / Number(basis[1]) / 1e6;
      return Math.abs(Number(shown[1]!.replace(/,/g, "")) / expected - 1);
    })
    .toBeLessThan(0.01);
}

/** The SDL as the user would get it: through the editor's Download button (Monaco renders only visible lines). */
async function editorText(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  return readFile((await download.path())!, "utf8");
}

test("a newcomer picks a template, edits it in the form and in YAML, sees errors come and go and the estimate change, and finds the draft after a reload", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, "/templates");

  // Gallery: search and filters narrow the list; the card shows resources and a price.
  await page.getByTestId("template-search").fill("postgres");
  const card = page.getByTestId("template-card").filter({ hasText: "PostgreSQL" });
  await expect(card).toBeVisible();
  await expect(card).toContainText("persistent");
  await expect(card).toContainText(/max \$[\d,.]+/);
  await page.getByTestId("template-search").fill("");
  await page.getByTestId("filter-gpu").check();
  await expect(page.getByTestId("template-card").filter({ hasText: "Ollama" })).toBeVisible();
  await expect(page.getByTestId("template-card").filter({ hasText: "PostgreSQL" })).toHaveCount(0);
  await page.getByTestId("filter-gpu").uncheck();

  // Detail page: README rendered as markdown, the SDL, and Deploy.
  await page.getByRole("link", { name: "PostgreSQL", exact: true }).click();
  await expect(page.getByTestId("template-readme").getByRole("heading", { level: 1 })).toHaveText("PostgreSQL");
  await expect(page.getByTestId("template-sdl")).toContainText("postgres:17-alpine");
  await page.getByTestId("template-deploy").click();

  // Editor: the template validates and the estimate shows.
  await expect(page).toHaveURL(/\/deploy\?template=postgres/);
  const status = page.getByTestId("sdl-status");
  await expect(status).toHaveText("Valid", { timeout: 30_000 });
  await expect(page.locator(".monaco-editor")).toBeVisible();
  const maxMonth = page.getByTestId("cost-max-month");
  await expect(maxMonth).toContainText("ACT");
  const before = await maxMonth.innerText();

  // Form: raise the max price; the YAML and the estimate follow.
  await page.getByTestId("mode-form").click();
  const price = page.getByTestId("price-postgres");
  await price.fill("600");
  await price.press("Enter");
  await expect(maxMonth).not.toHaveText(before);
  await expectMaxMonth(page, 600);
  await page.getByTestId("cpu-postgres").fill("2");
  await page.getByTestId("cpu-postgres").press("Enter");
  await expect(status).toHaveText("Valid");

  // YAML: a docker-compose key is an error at its line, with a quick fix that removes it.
  await page.getByTestId("mode-yaml").click();
  await expect.poll(() => editorText(page)).toContain("amount: 600");
  await expect.poll(() => editorText(page)).toContain("units: 2");
  await page.locator(".monaco-editor .view-line").filter({ hasText: "image: postgres:17-alpine" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("restart: always", { delay: 20 });
  await page.keyboard.press("Escape");
  await expect(status).toHaveText("1 error");
  const problem = page.getByTestId("problem").filter({ hasText: '"restart" in service "postgres" is a docker-compose key' });
  await expect(problem).toContainText("5:5");
  await problem.getByRole("button", { name: 'Remove "restart"' }).click();
  await expect(status).toHaveText("Valid");
  await expect(page.getByTestId("problems")).toHaveCount(0);

  // A change that is not valid YAML keeps the text and explains itself.
  await page.locator(".monaco-editor .view-line").filter({ hasText: "image: postgres:17-alpine" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("{", { delay: 20 });
  await page.keyboard.press("Escape");
  await expect(status).toHaveText(/error/);
  await expect(page.getByTestId("problem").first()).toContainText("YAML syntax");
  await expect(page.getByTestId("cost-panel")).toContainText("from the last valid SDL");
  await expect.poll(async () => (await editorText(page)).includes("{")).toBe(true);
  // Undo until the "{" is gone (Monaco may keep more than one undo stop for it). Decided by the text, not
  // by the status, which says "Checking…" for a moment after each undo: reading it raced and undid too much.
  for (let i = 0; i < 5 && (await editorText(page)).includes("{"); i++) await page.getByTestId("undo").click();
  expect(await editorText(page)).not.toContain("{");
  await expect(status).toHaveText("Valid");

  // Reload: the draft is back, with the edits.
  await expect(page.getByTestId("draft-state")).toContainText("Draft saved");
  await page.reload();
  await expect(page.getByTestId("editor-notice")).toContainText("Restored your draft");
  await expect(status).toHaveText("Valid", { timeout: 30_000 });
  await expectMaxMonth(page, 600);
  await expect.poll(() => editorText(page)).toContain("amount: 600");

  // What providers would likely charge: their published prices (via the provider proxy) give a range.
  await expect(page.getByTestId("cost-market-month")).toContainText("ACT", { timeout: 45_000 });
  await expect(page.getByTestId("cost-panel")).toContainText(/(From|only) [1-9]\d* provider price lists?/);

  // Starting over from the template is one click (and undoable).
  await page.getByRole("button", { name: "Start over from the template" }).click();
  await expect.poll(() => editorText(page)).toContain("amount: 300");
  await page.getByTestId("undo").click();
  await expect.poll(() => editorText(page)).toContain("amount: 600");
});

test("bad input: not YAML, not an SDL, a huge paste — clear messages, no freeze, nothing lost", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, "/deploy");
  const status = page.getByTestId("sdl-status");
  await expect(status).toHaveText("Valid", { timeout: 30_000 });
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("name: my-app\nkind: Deployment", { delay: 5 });
  await expect(page.getByTestId("problem").first()).toContainText("This YAML is not an SDL");

  // A 5 MB paste: the page stays responsive and reports the size; the text is kept.
  const big = `# ${"x".repeat(5 * 1024 * 1024)}\n`;
  await page.getByTestId("import-input").setInputFiles({ name: "huge.yaml", mimeType: "text/yaml", buffer: Buffer.from(big) });
  await expect(page.getByTestId("problem").first()).toContainText("MB", { timeout: 30_000 });
  const t0 = Date.now();
  await page.getByTestId("mode-form").click();
  await expect(page.getByTestId("form-unavailable")).toContainText("YAML view");
  expect(Date.now() - t0).toBeLessThan(5000);
  await page.getByTestId("mode-yaml").click();

  // The 5 MB draft went to IndexedDB; after a reload it is all there.
  await expect(page.getByTestId("draft-state")).toContainText("Draft saved", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("editor-notice")).toContainText("Restored your draft", { timeout: 30_000 });
  await expect(page.getByTestId("problem").first()).toContainText("5.2 MB", { timeout: 30_000 });

  // And back to a small draft: the small one returns, not the 5 MB one that was in IndexedDB.
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("name: small-again", { delay: 5 });
  await expect(page.getByTestId("draft-state")).toContainText("Draft saved", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("editor-notice")).toContainText("Restored your draft", { timeout: 30_000 });
  await expect.poll(() => editorText(page)).toBe("name: small-again");
});

test("the YAML editor completes SDL keys and shows hover docs from chain-sdk's schema", async ({ page }) => {
  await open(page, "/deploy?template=redis");
  await expect(page.getByTestId("sdl-status")).toHaveText("Valid", { timeout: 30_000 });
  await page.locator(".monaco-editor .view-line").filter({ hasText: "image: redis:7.4-alpine" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("cred", { delay: 30 });
  await page.keyboard.press("Control+Space");
  await expect(page.locator(".suggest-widget")).toContainText("credentials", { timeout: 15_000 });
  await page.keyboard.press("Escape");

  // Hover documentation on a key.
  await page.locator(".monaco-editor .view-line").filter({ hasText: "image: redis:7.4-alpine" }).locator("span span", { hasText: /^image$/ }).hover();
  await expect(page.locator(".monaco-hover").filter({ hasText: "Container image" })).toBeVisible({ timeout: 15_000 });
});

test("the public template feed: listed when reachable, garbage and outages handled quietly", async ({ page }) => {
  const sdl = 'version: "2.0"\nservices:\n  web:\n    image: ghost:5\n    expose:\n      - port: 2368\n        as: 80\n        to:\n          - global: true\nprofiles:\n  compute:\n    web:\n      resources:\n        cpu:\n          units: 1\n        memory:\n          size: 1Gi\n        storage:\n          size: 2Gi\n  placement:\n    dcloud:\n      pricing:\n        web:\n          denom: uact\n          amount: 200\ndeployment:\n  web:\n    dcloud:\n      profile: web\n      count: 1\n';
  await page.route("https://akash-templates.pages.dev/v1/templates-list.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify([{ title: "Blogging", templates: [{ id: "feed-ghost", name: "Ghost blog", summary: "A publishing platform" }, { broken: true }] }, "garbage"]) }),
  );
  await page.route("https://akash-templates.pages.dev/v1/templates/feed-ghost.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify({ id: "feed-ghost", name: "Ghost blog", summary: "A publishing platform", readme: "# Ghost\n\nFrom the feed.", deploy: sdl }) }),
  );
  await open(page, "/templates");
  const card = page.getByTestId("feed-template-card").filter({ hasText: "Ghost blog" });
  await expect(card).toContainText("Community · Blogging");
  await card.getByRole("link", { name: "Ghost blog" }).click();
  await expect(page.getByTestId("template-readme")).toContainText("From the feed.");
  await page.getByTestId("template-deploy").click();
  await expect(page.getByTestId("sdl-status")).toHaveText("Valid", { timeout: 30_000 });

  // A feed that answers garbage: the built-in templates are still all there, with a quiet note.
  await page.unrouteAll();
  await page.route("https://akash-templates.pages.dev/**", (route) => route.fulfill({ contentType: "text/html", body: "<html>maintenance</html>" }));
  await open(page, "/templates");
  await expect(page.getByTestId("template-card").first()).toBeVisible();
  expect(await page.getByTestId("template-card").count()).toBeGreaterThanOrEqual(15);
  await expect(page.getByText("Community templates (not available right now)")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("feed-template-card")).toHaveCount(0);
});
