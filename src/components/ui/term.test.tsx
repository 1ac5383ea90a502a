// @vitest-environment jsdom
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, expect, it } from "vitest";
import { GLOSSARY } from "@/lib/glossary";
import { Term } from "./term";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function mount(node: React.ReactNode) {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(node));
  cleanup = () => {
    act(() => root.unmount());
    container.remove();
  };
  return container;
}

it("shows the term, and its explanation on click; Escape and a click elsewhere close it", async () => {
  const container = await mount(
    <p>
      Created at <Term id="dseq" /> height. <span data-testid="elsewhere">elsewhere</span>
    </p>,
  );
  const button = container.querySelector("button")!;
  expect(button.textContent).toBe("DSEQ");
  expect(button.getAttribute("aria-expanded")).toBe("false");
  expect(button.title).toBe(GLOSSARY.dseq.explanation);
  expect(container.querySelector('[role="note"]')).toBeNull();

  await act(async () => button.click());
  const note = container.querySelector('[role="note"]')!;
  expect(note.textContent).toBe(GLOSSARY.dseq.explanation);
  expect(button.getAttribute("aria-expanded")).toBe("true");
  expect(button.getAttribute("aria-controls")).toBe(note.id);

  await act(async () => button.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })));
  expect(container.querySelector('[role="note"]')).toBeNull();

  await act(async () => button.click());
  expect(container.querySelector('[role="note"]')).not.toBeNull();
  await act(async () => container.querySelector('[data-testid="elsewhere"]')!.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true })));
  expect(container.querySelector('[role="note"]')).toBeNull();
});

it("keeps the caller's wording when given", async () => {
  const container = await mount(<Term id="maxPrice">Max price</Term>);
  expect(container.querySelector("button")!.textContent).toBe("Max price");
});
