// @vitest-environment jsdom
import { act, useState } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, expect, it } from "vitest";
import { TabList, TabPanel } from "./tabs";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const TABS = [
  { id: "leases", label: "Leases" },
  { id: "logs", label: "Logs" },
  { id: "shell", label: "Shell" },
] as const;

function Harness() {
  const [tab, setTab] = useState<(typeof TABS)[number]["id"]>("leases");
  return (
    <>
      <TabList tabs={TABS} selected={tab} onSelect={setTab} label="Deployment" idPrefix="d" />
      <TabPanel idPrefix="d" id={tab}>
        panel {tab}
      </TabPanel>
    </>
  );
}

async function mount() {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(<Harness />));
  cleanup = () => {
    act(() => root.unmount());
    container.remove();
  };
  return container;
}

const press = (el: Element, key: string) => act(async () => el.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true })));

it("arrow keys, Home and End move focus and selection with one tab stop", async () => {
  const container = await mount();
  const tabs = () => [...container.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const selected = () => tabs().find((t) => t.getAttribute("aria-selected") === "true")!;
  expect(selected().textContent).toBe("Leases");
  expect(tabs().map((t) => t.tabIndex)).toEqual([0, -1, -1]);

  selected().focus();
  await press(selected(), "ArrowRight");
  expect(selected().textContent).toBe("Logs");
  expect(document.activeElement).toBe(selected());
  expect(tabs().map((t) => t.tabIndex)).toEqual([-1, 0, -1]);
  const panel = container.querySelector('[role="tabpanel"]')!;
  expect(panel.textContent).toBe("panel logs");
  expect(panel.getAttribute("aria-labelledby")).toBe(selected().id);
  expect(selected().getAttribute("aria-controls")).toBe(panel.id);

  await press(selected(), "End");
  expect(selected().textContent).toBe("Shell");
  await press(selected(), "ArrowRight");
  expect(selected().textContent).toBe("Leases");
  await press(selected(), "ArrowLeft");
  expect(selected().textContent).toBe("Shell");
  await press(selected(), "Home");
  expect(selected().textContent).toBe("Leases");
  expect(document.activeElement).toBe(selected());

  await press(selected(), "a");
  expect(selected().textContent).toBe("Leases");
});
