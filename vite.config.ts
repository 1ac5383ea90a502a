import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { fileURLToPath } from "node:url";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: { host: "127.0.0.1", port: Number(process.env.APP_PORT ?? 5173), strictPort: false },
  preview: { host: "127.0.0.1", port: Number(process.env.APP_PORT ?? 4173) },
  build: { target: "es2022", sourcemap: true },
});
