export { SettingsPage } from "./settings-page";
export { ThemeToggle } from "./theme-toggle";
export { applyTheme, useTheme } from "./theme";
