// @vitest-environment jsdom
import { act, useState } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TxResult } from "@/lib/tx/signing";
import type { FormResult } from "./grant-form";
import { useGrantForm, type GrantMutation } from "./use-grant-form";

const sentTx: TxResult = { hash: "AB", height: 5, gasUsed: 1, gasWanted: 2, events: [] };

function setup() {
  const calls: string[] = [];
  let finish: ((tx: TxResult | null) => void) | undefined;
  const grant: GrantMutation<string> & { sent: string[] } = {
    sent: [],
    mutate: (request, { onSuccess }) => {
      grant.sent.push(request);
      finish = onSuccess;
    },
    reset: () => calls.push("reset"),
  };
  const seenNow: number[] = [];
  function Form() {
    const [name, setName] = useState("");
    const { errors, submit } = useGrantForm(
      (now): FormResult<string> => {
        seenNow.push(now);
        return name ? { ok: true, value: name } : { ok: false, errors: { name: "Enter a name" } };
      },
      grant,
      () => calls.push("close"),
      () => calls.push("sent"),
    );
    return (
      <form onSubmit={submit}>
        <input value={name} onChange={(e) => setName(e.target.value)} />
        <p data-testid="error">{errors.name ?? ""}</p>
        <button type="submit">Send</button>
        <button type="button" onClick={() => setName("bob")}>
          Fill
        </button>
      </form>
    );
  }
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(<Form />));
  const click = (name: string) => act(() => [...container.querySelectorAll("button")].find((b) => b.textContent?.trim() === name)!.click());
  return {
    calls,
    grant,
    seenNow,
    click,
    error: () => container.querySelector('[data-testid="error"]')!.textContent,
    finish: (tx: TxResult | null) => act(() => finish!(tx)),
    unmount: () => act(() => root.unmount()),
  };
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("useGrantForm", () => {
  it("shows errors only after a submit, and sends only a checked form", () => {
    const form = setup();
    expect(form.error()).toBe("");
    form.click("Send");
    expect(form.error()).toBe("Enter a name");
    expect(form.grant.sent).toEqual([]);
    form.click("Fill");
    form.click("Send");
    expect(form.grant.sent).toEqual(["bob"]);
    // The clock the form is checked against is the one read when it opened.
    expect(new Set(form.seenNow).size).toBe(1);
    form.unmount();
  });

  it("closes after an included transaction, and stays open when the wallet was cancelled", () => {
    const form = setup();
    form.click("Fill");
    form.click("Send");
    form.finish(null);
    expect(form.calls).toEqual([]);
    form.click("Send");
    form.finish(sentTx);
    expect(form.calls).toEqual(["sent", "reset", "close"]);
    form.unmount();
  });

  it("forgets the last attempt when dismissed", () => {
    const close = vi.fn();
    const reset = vi.fn();
    function Dialog() {
      const { errors, submit, dismiss } = useGrantForm((): FormResult<string> => ({ ok: false, errors: { name: "Enter a name" } }), { mutate: () => {}, reset }, close);
      return (
        <form onSubmit={submit}>
          <p data-testid="error">{errors.name ?? ""}</p>
          <button type="submit">Send</button>
          <button type="button" onClick={dismiss}>
            Cancel
          </button>
        </form>
      );
    }
    const container = document.createElement("div");
    document.body.append(container);
    const root = createRoot(container);
    act(() => root.render(<Dialog />));
    const click = (name: string) => act(() => [...container.querySelectorAll("button")].find((b) => b.textContent?.trim() === name)!.click());
    click("Send");
    expect(container.querySelector('[data-testid="error"]')!.textContent).toBe("Enter a name");
    click("Cancel");
    expect(container.querySelector('[data-testid="error"]')!.textContent).toBe("");
    expect(reset).toHaveBeenCalledOnce();
    expect(close).toHaveBeenCalledOnce();
    act(() => root.unmount());
  });
});
