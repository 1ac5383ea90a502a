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
  dark: boolean;
}

export default function ShellTerminal({ onInput, onResize, onReady, dark }: ShellTerminalProps) {
  const host = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onInput, onResize, onReady });
  useEffect(() => {
    callbacks.current = { onInput, onResize, onReady };
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
      callbacks.current.onReady(null);
      observer.disconnect();
      inputSub.dispose();
      resizeSub.dispose();
      term.dispose();
    };
  }, [dark]);

  return <div ref={host} className="h-[24rem] w-full" data-testid="shell-terminal" />;
}
