import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { fileURLToPath } from "node:url";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: [
      { find: "@", replacement: fileURLToPath(new URL("./src", import.meta.url)) },
      // monaco-yaml's worker (via monaco-worker-manager) imports monaco's worker by its pre-0.55 path,
      // which monaco-editor 0.57's exports map no longer resolves.
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: fileURLToPath(new URL("./node_modules/monaco-editor/esm/vs/$1", import.meta.url)) },
    ],
  },
  server: { host: "127.0.0.1", port: Number(process.env.APP_PORT ?? 5173), strictPort: false },
  preview: { host: "127.0.0.1", port: Number(process.env.APP_PORT ?? 4173) },
  // No source maps in the default build (they publish the whole source); BUILD_SOURCEMAP=1 for debugging.
  build: { target: "es2022", sourcemap: process.env.BUILD_SOURCEMAP === "1" },
});
