/** xterm.js terminal for a lease shell (its own lazy chunk: xterm is only downloaded when the Shell tab opens). */
import { useEffect, useRef } from "react";
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";

export interface ShellTerminalHandle {
  write: (data: Uint8Array | string) => void;
  focus: () => void;
}

export interface ShellTerminalProps {
  /** Keystrokes (already UTF-8 bytes) to send as stdin frames. */
  onInput: (bytes: Uint8Array) => void;
  /** Terminal size changes, to send as resize frames. */
  onResize: (cols: number, rows: number) => void;
  /** Receives the write/focus handle once the terminal exists. */
  onReady: (handle: ShellTerminalHandle | null) => void;
  /** Whether an Escape is being held for a Tab that would leave the terminal (for a visible hint). */
  onLeaveArmed?: (armed: boolean) => void;
  /** Id of the visible keyboard hint, read by screen readers with the terminal. */
  describedBy?: string;
  dark: boolean;
}

/**
 * How long an Escape waits for a Tab. Escape is held that long (or until the next key) before it reaches the
 * shell: sending it at once would leave readline waiting for a Meta combination after the user tabbed away.
 */
export const ESCAPE_HOLD_MS = 800;

const MODIFIER_KEYS = new Set(["Shift", "Control", "Alt", "Meta", "AltGraph", "CapsLock"]);

export default function ShellTerminal({ onInput, onResize, onReady, onLeaveArmed, describedBy, dark }: ShellTerminalProps) {
  const host = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onInput, onResize, onReady, onLeaveArmed });
  useEffect(() => {
    callbacks.current = { onInput, onResize, onReady, onLeaveArmed };
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const term = new Terminal({
      convertEol: true,
      cursorBlink: true,
      fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      fontSize: 13,
      scrollback: 5000,
      theme: dark ? { background: "#0b0f14", foreground: "#e6edf3" } : { background: "#ffffff", foreground: "#1f2328", cursor: "#1f2328", selectionBackground: "#c8d7f0" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    const encoder = new TextEncoder();
    const inputSub = term.onData((data) => callbacks.current.onInput(encoder.encode(data)));
    // Keyboard way out (a terminal otherwise keeps Tab, Shift+Tab and Escape): Escape then Tab or Shift+Tab moves
    // the focus like anywhere else on the page. Returning false leaves the key to the browser.
    let heldEscape: ReturnType<typeof setTimeout> | null = null;
    const releaseEscape = (send: boolean) => {
      if (heldEscape === null) return;
      clearTimeout(heldEscape);
      heldEscape = null;
      callbacks.current.onLeaveArmed?.(false);
      if (send) callbacks.current.onInput(encoder.encode("\x1b"));
    };
    term.attachCustomKeyEventHandler((event) => {
      if (event.type !== "keydown" || event.isComposing) return true;
      if (event.key === "Escape" && !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey) {
        releaseEscape(true);
        heldEscape = setTimeout(() => releaseEscape(true), ESCAPE_HOLD_MS);
        callbacks.current.onLeaveArmed?.(true);
        return false;
      }
      if (event.key === "Tab" && heldEscape !== null && !event.ctrlKey && !event.altKey && !event.metaKey) {
        releaseEscape(false);
        return false;
      }
      if (!MODIFIER_KEYS.has(event.key)) releaseEscape(true);
      return true;
    });
    if (describedBy) term.textarea?.setAttribute("aria-describedby", describedBy);
    const resizeSub = term.onResize(({ cols, rows }) => callbacks.current.onResize(cols, rows));
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // not visible yet
      }
    };
    refit();
    callbacks.current.onResize(term.cols, term.rows);
    const observer = new ResizeObserver(refit);
    observer.observe(element);
    callbacks.current.onReady({ write: (data) => term.write(data), focus: () => term.focus() });
    term.focus();
    return () => {
      if (heldEscape !== null) clearTimeout(heldEscape);
      callbacks.current.onReady(null);
      observer.disconnect();
      inputSub.dispose();
      resizeSub.dispose();
      term.dispose();
    };
  }, [dark, describedBy]);

  return <div ref={host} className="h-[24rem] w-full" data-testid="shell-terminal" />;
}
