import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, openApp, test } from "./fixtures";
import { importWallet, providerByIndex, seedLeasedDeployment, type SeededDeployment } from "./deployments-helpers";

/**
 * Every main page on a phone (390 × 844) and for everyone: no horizontal page overflow, the wallet button fully on
 * screen, and no serious or critical axe-core (WCAG 2.1 A/AA) violation, in the light and the dark theme.
 */
const PHONE = { width: 390, height: 844 };
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// One seeded deployment per worker for both themes; a failing theme does not skip the other.
test.describe.configure({ mode: "default" });

let seed: SeededDeployment;
let providerOwner: string;

test.beforeAll(async () => {
  // One running deployment makes the deployment pages, the spend dashboard and a detail page non-empty.
  seed = await seedLeasedDeployment();
  providerOwner = (await providerByIndex(1)).owner;
});

function mainPages(): Array<{ path: string; name: string }> {
  return [
    { path: "/", name: "home" },
    { path: "/deploy", name: "deploy" },
    { path: "/deployments", name: "deployments" },
    { path: `/deployments/${seed.dseq}`, name: "deployment detail" },
    { path: "/spend", name: "spend" },
    { path: "/templates", name: "templates" },
    { path: "/templates/postgres", name: "template detail" },
    { path: "/providers", name: "providers" },
    { path: `/providers/${providerOwner}`, name: "provider detail" },
    { path: "/account", name: "account" },
    { path: "/authorizations", name: "authorizations" },
    { path: "/settings", name: "settings" },
  ];
}

/** Waits for what the user waits for: the page's heading, and no route or data still loading. */
async function settle(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator("main").getByRole("status").filter({ hasText: /^(Loading…|Reading leases, escrow and balances…|Reading the block headers that bound each day…)$/ })).toHaveCount(0, { timeout: 30_000 });
  if (path === "/deploy") await expect(page.getByTestId("sdl-status")).toHaveText("Valid", { timeout: 30_000 });
  if (path === "/providers") await expect(page.getByText("Online").first()).toBeVisible({ timeout: 30_000 });
  if (path.startsWith("/templates/")) await expect(page.getByTestId("template-readme")).toBeVisible();
}

async function setTheme(page: Page, theme: "light" | "dark") {
  const html = page.locator("html");
  const isDark = async () => ((await html.getAttribute("class")) ?? "").split(/\s+/).includes("dark");
  // The header's toggle; the choice is kept (localStorage) across the page loads below.
  if ((await isDark()) !== (theme === "dark")) await page.getByRole("banner").getByRole("button", { name: /Switch to (light|dark) theme/ }).click();
  await expect.poll(isDark).toBe(theme === "dark");
}

/** Problems on a phone: the page scrolls sideways (with the elements that stick out, to say where) or the wallet button is cut off. */
async function phoneProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  // e2e code has no DOM types: the document is reached through <html>'s locator.
  const { scrollWidth, wide } = await page.locator("html").evaluate((html, width) => {
    // The innermost elements reaching past the right edge name the culprit.
    const outside = [...html.ownerDocument.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 0.5 && el.children.length === 0);
    const describe = (el: (typeof outside)[number]) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 4).join(".")} "${(el.textContent ?? "").trim().slice(0, 30)}" right=${Math.round(el.getBoundingClientRect().right)}`;
    return { scrollWidth: html.scrollWidth, wide: outside.slice(0, 5).map(describe) };
  }, PHONE.width);
  if (scrollWidth > PHONE.width) problems.push(`page is ${scrollWidth} px wide: ${wide.join("; ")}`);
  const box = await page.getByRole("button", { name: /^Wallet akash1/ }).boundingBox();
  if (!box) problems.push("wallet button not rendered");
  else if (box.x < 0 || box.x + box.width > PHONE.width) problems.push(`wallet button cut off (x ${box.x}, width ${box.width})`);
  return problems;
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ")}`) }));
}

for (const theme of ["light", "dark"] as const) {
  test(`every main page fits 390 px and has no serious axe violations (${theme} theme)`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(PHONE);
    await openApp(page, "/");
    await importWallet(page, seed.mnemonic);
    await setTheme(page, theme);

    const found: Record<string, unknown> = {};
    for (const { path, name } of mainPages()) {
      await settle(page, path);
      // What a phone shows, kept with the test's output for a person to look at.
      await page.screenshot({ path: test.info().outputPath(`${theme}-${name.replace(/\W+/g, "-")}.png`) });
      const problems = await phoneProblems(page);
      if (problems.length) found[`${name} (${path}) at 390 px`] = problems;
      const violations = await seriousViolations(page);
      if (violations.length) found[`${name} (${path}) axe`] = violations;
    }
    // Every page is visited before failing, so one run names every problem.
    expect(found, `pages wider than 390 px or with serious/critical axe violations (${theme} theme)`).toEqual({});
  });
}

test("the header fits 390 px without a wallet too (the Connect button visible)", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await openApp(page, "/");
  expect(await page.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  const box = await page.getByRole("banner").getByRole("button", { name: "Connect wallet" }).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
});
