import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import checkFile from "eslint-plugin-check-file";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Resolves `@/…` to src/ and extensionless or `.ts` specifiers the way Vite and tsc do, for the import-x rules. */
const resolver = createNodeResolver({
  alias: { "@": [`${root}src`] },
  extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
  conditionNames: ["import", "default", "require"],
});

/** One zone per feature: a feature imports its own folder, never another feature's (routes in src/app compose them). */
const features = readdirSync(`${root}src/features`, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const layerZones = [
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: "./src/features",
    except: [`./${name}`],
    message: "A feature may not import another feature; compose them in a route (src/app) or move the shared code to src/shared or src/lib.",
  })),
  { target: "./src/features", from: "./src/app", message: "Features may not import the app layer." },
  { target: "./src/shared", from: ["./src/features", "./src/app"], message: "src/shared may not import features or the app layer." },
  {
    target: "./src/lib",
    from: ["./src/features", "./src/shared", "./src/app", "./src/components"],
    message: "src/lib is environment-neutral: it may not import features, shared, app or components.",
  },
  { target: "./src/components", from: ["./src/features", "./src/shared", "./src/app"], message: "UI primitives may not import features, shared or the app layer." },
];

export default tseslint.config(
  { ignores: ["dist", "node_modules", ".devnet", "test-results", "playwright-report", "coverage", "scripts/fixtures/lint-rules/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Layers and cycles: src/app → src/features → src/shared → src/lib and src/components, one way.
    files: ["src/**/*.{ts,tsx}", "server/**/*.ts", "scripts/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [resolver],
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs", ".cjs"],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { basePath: root, zones: layerZones }],
    },
  },
  {
    files: ["src/lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["react", "react-dom", "@tanstack/react-query"].map((name) => ({ name, message: "src/lib is React-free; put hooks and components in src/shared or a feature." })),
          patterns: [{ group: ["react/*", "react-dom/*", "@tanstack/react-query/*"], message: "src/lib is React-free; put hooks and components in src/shared or a feature." }],
        },
      ],
    },
  },
  {
    // One naming convention: kebab-case files and folders (`validation.worker.ts`, `x.test.tsx` keep their middle extensions).
    files: ["src/**/*"],
    plugins: { "check-file": checkFile },
    rules: {
      "check-file/filename-naming-convention": ["error", { "**/*.{ts,tsx}": "KEBAB_CASE" }, { ignoreMiddleExtensions: true }],
      "check-file/folder-naming-convention": ["error", { "src/**/": "KEBAB_CASE" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    // Query keys come from the key factories (src/shared/chain-data/keys.ts and a feature's own factory), so the same
    // data is cached once and invalidation cannot miss a hand-typed variant.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "Property[key.name='queryKey'] > ArrayExpression", message: "Use a query-key factory (src/shared/chain-data/keys.ts) instead of an inline key." },
        {
          selector: "CallExpression[callee.property.name=/^(setQueryData|getQueryData|ensureQueryData|fetchQuery|prefetchQuery)$/] > ArrayExpression",
          message: "Use a query-key factory (src/shared/chain-data/keys.ts) instead of an inline key.",
        },
      ],
    },
  },
  {
    files: ["server/**/*.ts", "scripts/**/*.ts", "e2e/**/*.ts", "test/**/*.ts", "*.config.{ts,js}"],
    languageOptions: { globals: globals.node },
  },
  {
    // Server code never imports browser code.
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/src/**", "@/*"], message: "server code must not import browser code" }] }],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
);
