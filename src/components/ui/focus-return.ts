/**
 * Where focus goes back after a dialog: the element that had it when the dialog opened. Transactions often remove
 * that element (a closed deployment loses its Close button, a refetch re-renders a row), so the nearest part of the
 * page that is still there takes the focus instead of the document body (which sends keyboard users to the top).
 */

export interface FocusReturn {
  element: HTMLElement;
  /** Ancestors from the nearest, to fall back on when the element is gone. */
  ancestors: HTMLElement[];
}

export function rememberFocus(doc: Document = document): FocusReturn | null {
  const active = doc.activeElement;
  if (!(active instanceof HTMLElement) || active === doc.body) return null;
  const ancestors: HTMLElement[] = [];
  for (let node = active.parentElement; node && node !== doc.body; node = node.parentElement) ancestors.push(node);
  return { element: active, ancestors };
}

/** How long after closing a removed element still hands focus to what is left of the page. */
const WATCH_MS = 3000;

function lostFocus(doc: Document): boolean {
  return doc.activeElement === null || doc.activeElement === doc.body;
}

function focusNearest(target: FocusReturn): boolean {
  if (target.element.isConnected && !target.element.closest("[inert]") && !(target.element as HTMLButtonElement).disabled) {
    target.element.focus();
    if (target.element.ownerDocument.activeElement === target.element) return true;
  }
  const fallback = target.ancestors.find((a) => a.isConnected && !a.closest("dialog"));
  if (!fallback) return false;
  // A container is not focusable by default; -1 makes it focusable by script only (not a new tab stop).
  if (!fallback.hasAttribute("tabindex")) fallback.setAttribute("tabindex", "-1");
  fallback.focus({ preventScroll: true });
  return true;
}

/**
 * Gives focus back after a dialog closed, unless something else took it meanwhile. For a short while, if the
 * element is removed while focused (a refetch after the transaction), its nearest remaining ancestor takes over.
 */
export function restoreFocus(target: FocusReturn | null, doc: Document = document): void {
  if (!target) return;
  if (lostFocus(doc) || doc.activeElement === target.element) focusNearest(target);
  const view = doc.defaultView;
  if (!view || typeof view.MutationObserver === "undefined") return;
  const observer = new view.MutationObserver(() => {
    if (lostFocus(doc) && !target.element.isConnected) focusNearest(target);
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  view.setTimeout(() => observer.disconnect(), WATCH_MS);
}
