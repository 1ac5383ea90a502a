import { useCallback, useEffect, useSyncExternalStore } from "react";

export type ThemePreference = "system" | "light" | "dark";
const KEY = "akash-console:theme";
const listeners = new Set<() => void>();

function read(): ThemePreference {
  try {
    const value = localStorage.getItem(KEY);
    return value === "light" || value === "dark" ? value : "system";
  } catch {
    return "system";
  }
}

function resolve(preference: ThemePreference): "light" | "dark" {
  if (preference !== "system") return preference;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Applies the stored theme; called once before the first render to avoid a flash. */
export function applyTheme(preference: ThemePreference = read()): void {
  document.documentElement.classList.toggle("dark", resolve(preference) === "dark");
}

export function useTheme(): { preference: ThemePreference; setPreference: (value: ThemePreference) => void } {
  const preference = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
    () => "system" as ThemePreference,
  );
  useEffect(() => {
    applyTheme(preference);
    if (preference !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => applyTheme("system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [preference]);
  const setPreference = useCallback((value: ThemePreference) => {
    localStorage.setItem(KEY, value);
    listeners.forEach((l) => l());
  }, []);
  return { preference, setPreference };
}
