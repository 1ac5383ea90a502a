// @vitest-environment jsdom
import { act, useState, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./error-boundary";

describe("ErrorBoundary", () => {
  afterEach(() => vi.restoreAllMocks());

  it("shows what crashed and the error instead of the panel, and Try again renders the panel afresh", async () => {
    const { container, render, click, unmount } = setup();
    const panel = { broken: true };
    const onReset = vi.fn();
    function Flaky() {
      if (panel.broken) throw new Error("Monaco failed to start");
      return <p>editor ready</p>;
    }
    await render(
      <div>
        <h1>Deploy</h1>
        <ErrorBoundary label="The SDL editor" hint="Your text is kept." onReset={onReset}>
          <Flaky />
        </ErrorBoundary>
      </div>,
    );

    expect(container.querySelector("h1")?.textContent).toBe("Deploy");
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain("The SDL editor stopped working");
    expect(alert?.textContent).toContain("Monaco failed to start");
    expect(alert?.textContent).toContain("Your text is kept.");
    expect(container.textContent).not.toContain("editor ready");

    panel.broken = false;
    await click("Try again");
    expect(onReset).toHaveBeenCalledOnce();
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.textContent).toContain("editor ready");
    await unmount();
  });

  it("catches a crash after an update, keeps the rest of the page, and shows it again if the retry fails too", async () => {
    const { container, render, click, unmount } = setup();
    function Counter() {
      const [n, setN] = useState(0);
      if (n === 1) throw "the log stream closed";
      return <button type="button" onClick={() => setN(n + 1)}>count {n}</button>;
    }
    await render(
      <ErrorBoundary label="Logs">
        <Counter />
      </ErrorBoundary>,
    );
    await click("count 0");
    expect(container.querySelector('[role="alert"]')?.textContent).toContain("Logs stopped working");
    expect(container.textContent).toContain("the log stream closed");

    await click("Try again");
    expect(container.textContent).toContain("count 0");
    await click("count 0");
    expect(container.textContent).toContain("Logs stopped working");
    await unmount();
  });
});

function setup() {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // React and the boundary both report the caught error; the test asserts on what the page shows instead.
  vi.spyOn(console, "error").mockImplementation(() => {});
  const container = document.createElement("div");
  document.body.append(container);
  let root: Root | null = null;
  const buttonNamed = (name: string) => {
    const button = [...container.querySelectorAll("button")].find((b) => b.textContent === name);
    if (!button) throw new Error(`no button "${name}" in: ${container.innerHTML}`);
    return button;
  };
  return {
    container,
    render: (ui: ReactNode) =>
      act(async () => {
        root = createRoot(container);
        root.render(ui);
      }),
    click: (name: string) => act(async () => buttonNamed(name).click()),
    unmount: () =>
      act(async () => {
        root?.unmount();
        container.remove();
      }),
  };
}
