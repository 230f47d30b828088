/**
 * Vite configuration for the investigator client: sources in client/, built to dist/client, which
 * server/app.ts serves (index.html for every non-API path). `npm run dev:client` proxies /api to the
 * API server on its default port 3000 so cookies and CSRF behave as in production (same origin).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "vite";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
// The API server's default PORT; only server/config.ts reads the environment.
const API_ORIGIN = "http://127.0.0.1:3000";

export default defineConfig({
  root: path.join(ROOT, "client"),
  base: "/",
  build: {
    outDir: path.join(ROOT, "dist", "client"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    // sigma + graphology make one ~300 kB chunk; that is the app, not an accident.
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { "/api": { target: API_ORIGIN, changeOrigin: false } },
  },
});
