import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, openApp, test } from "./fixtures";
import { approveTx, createCertificate, importWallet, navigate, seedLeasedDeployment } from "./deployments-helpers";

/** Whether the focused element is inside `container` (Monaco and xterm focus a hidden textarea of theirs). */
async function focusInside(container: Locator): Promise<boolean> {
  return container.evaluate((el) => el.contains(el.ownerDocument.activeElement));
}

async function focusOnPage(page: Page): Promise<boolean> {
  // e2e code has no DOM types: the page's document is reached through the focused element's owner.
  return page.locator("body").evaluate((body) => body.ownerDocument.activeElement !== null && body.ownerDocument.activeElement !== body);
}

/** The SDL as the user gets it: through the editor's Download button (Monaco renders only visible lines). */
async function editorText(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  return readFile((await download.path())!, "utf8");
}

test("the SDL editor can be left with the keyboard: Esc then Tab, or Ctrl+M for Tab to move focus", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/deploy?template=postgres");
  await expect(page.getByTestId("sdl-status")).toHaveText("Valid", { timeout: 30_000 });
  const editor = page.getByTestId("sdl-monaco");
  const hint = page.getByTestId("editor-keyboard-hint");
  await expect(hint).toContainText("Esc then Tab");
  const before = await editorText(page);

  // Esc then Tab leaves, inserting nothing; Shift+Tab comes back.
  await editor.locator(".view-line").first().click();
  expect(await focusInside(editor)).toBe(true);
  await page.keyboard.press("Escape");
  await expect(hint).toContainText("Press Tab to leave the editor");
  await page.keyboard.press("Tab");
  expect(await focusInside(editor)).toBe(false);
  expect(await focusOnPage(page)).toBe(true);
  await expect(hint).toContainText("Tab indents");
  await page.keyboard.press("Shift+Tab");
  expect(await focusInside(editor)).toBe(true);
  expect(await editorText(page)).toBe(before);

  // Without Escape, Tab stays in the editor (it indents)…
  await editor.locator(".view-line").first().click();
  await page.keyboard.press("Home");
  await page.keyboard.press("Tab");
  expect(await focusInside(editor)).toBe(true);
  await page.keyboard.press("Control+Z");

  // …until Ctrl+M makes Tab move focus, both ways, until pressed again.
  await page.keyboard.press("Control+M");
  await expect(hint).toContainText("Tab moves the focus out of the editor");
  await page.keyboard.press("Tab");
  expect(await focusInside(editor)).toBe(false);
  await page.keyboard.press("Shift+Tab");
  expect(await focusInside(editor)).toBe(true);
  await page.keyboard.press("Shift+Tab");
  expect(await focusInside(editor)).toBe(false);
  await editor.locator(".view-line").first().click();
  await page.keyboard.press("Control+M");
  await expect(hint).toContainText("Tab indents");
  expect(await editorText(page)).toBe(before);
});

test("the deployment page: arrow keys on its tabs, Esc then Tab out of the shell, focus back after a dialog", async ({ page }) => {
  test.setTimeout(180_000);
  const seed = await seedLeasedDeployment();
  await openApp(page);
  await importWallet(page, seed.mnemonic);
  await createCertificate(page);
  await navigate(page, "Deployments");
  await page.getByTestId(`deployment-row-${seed.dseq}`).getByRole("link").click();
  await expect(page.getByRole("heading", { name: `Deployment ${seed.dseq}` })).toBeVisible();

  // Tabs: one tab stop; arrows, Home and End move and select.
  const tabs = page.getByRole("tablist", { name: "Deployment" });
  const leasesTab = tabs.getByRole("tab", { name: "Leases" });
  await expect(leasesTab).toHaveAttribute("aria-selected", "true");
  await expect(tabs.getByRole("tab", { name: "Logs" })).toHaveAttribute("tabindex", "-1");
  await leasesTab.focus();
  await page.keyboard.press("ArrowRight");
  await expect(tabs.getByRole("tab", { name: "Logs" })).toHaveAttribute("aria-selected", "true");
  await expect(tabs.getByRole("tab", { name: "Logs" })).toBeFocused();
  await expect(page).toHaveURL(/tab=logs/);
  await page.keyboard.press("End");
  await expect(tabs.getByRole("tab", { name: "Update" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(leasesTab).toBeFocused();
  await expect(leasesTab).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(tabs.getByRole("tab", { name: "Update" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Home");
  await expect(leasesTab).toBeFocused();

  // Shell: Tab belongs to the shell; Esc then Tab leaves; Shift+Tab comes back and the shell still works.
  await tabs.getByRole("tab", { name: "Shell" }).click();
  await expect(page.getByRole("status", { name: "Shell connection" })).toHaveText("Live", { timeout: 20_000 });
  const terminal = page.getByTestId("shell-terminal");
  const hint = page.getByTestId("shell-keyboard-hint");
  await expect(hint).toContainText("Esc then Tab");
  await terminal.click();
  await page.keyboard.type("echo one-$GREETING\r");
  await expect(terminal).toContainText("one-hello from akash", { timeout: 15_000 });
  await page.keyboard.press("Tab");
  expect(await focusInside(terminal)).toBe(true);
  await page.keyboard.press("Escape");
  await expect(hint).toContainText("Press Tab to leave the terminal");
  await page.keyboard.press("Tab");
  expect(await focusInside(terminal)).toBe(false);
  await expect(hint).toContainText("Esc then Tab");
  // Backwards too: Esc then Shift+Tab lands on the control before the terminal; Tab comes back in.
  await terminal.click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Tab");
  expect(await focusInside(terminal)).toBe(false);
  expect(await focusOnPage(page)).toBe(true);
  await page.keyboard.press("Tab");
  expect(await focusInside(terminal)).toBe(true);
  // The held Escape never reached the shell: this line runs as typed (after a stray Escape it would not).
  await page.keyboard.type("echo two-$GREETING\r");
  await expect(terminal).toContainText("two-hello from akash", { timeout: 15_000 });

  // A dialog gives focus back to the button that opened it.
  const topUp = page.getByRole("button", { name: "Top up" }).first();
  await topUp.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: `Top up deployment ${seed.dseq}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(topUp).toBeFocused();

  // …and after a transaction too (the signing dialog opens over it and both close), not the top of the page.
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Top up deployment ${seed.dseq}` });
  await dialog.getByLabel("Amount (ACT)").fill("1");
  await dialog.getByLabel("Amount (ACT)").press("Enter");
  await approveTx(page, `Top up deployment ${seed.dseq}`);
  await expect(dialog).toBeHidden();
  await expect(topUp).toBeFocused();
});
