// @vitest-environment jsdom
import { afterEach, expect, it } from "vitest";
import { rememberFocus, restoreFocus } from "./focus-return";

afterEach(() => {
  document.body.innerHTML = "";
});

function page() {
  document.body.innerHTML = `<main><section id="card"><div id="actions"><button id="top-up">Top up</button><button id="close">Close</button></div></section><button id="other">Other</button></main>`;
  return (id: string) => document.getElementById(id)!;
}

it("focus goes back to the element that opened the dialog", () => {
  const byId = page();
  byId("top-up").focus();
  const saved = rememberFocus();
  document.body.focus();
  (document.activeElement as HTMLElement | null)?.blur();
  restoreFocus(saved);
  expect(document.activeElement).toBe(byId("top-up"));
});

it("when the element is gone, its nearest remaining ancestor takes the focus instead of the page top", () => {
  const byId = page();
  byId("close").focus();
  const saved = rememberFocus();
  byId("close").remove();
  restoreFocus(saved);
  expect(document.activeElement).toBe(byId("actions"));
  expect(byId("actions").getAttribute("tabindex")).toBe("-1");
});

it("an element removed just after closing (a refetch) hands focus to what is left", async () => {
  const byId = page();
  byId("close").focus();
  const saved = rememberFocus();
  restoreFocus(saved);
  expect(document.activeElement).toBe(byId("close"));
  byId("actions").remove();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(document.activeElement).toBe(byId("card"));
});

it("does not steal focus that something else took meanwhile", () => {
  const byId = page();
  byId("top-up").focus();
  const saved = rememberFocus();
  byId("other").focus();
  restoreFocus(saved);
  expect(document.activeElement).toBe(byId("other"));
});
