import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Django serves the built files: index.html at / (and at every app route), the rest as static
// files under /static/app/ (settings.STATICFILES_DIRS). `npm run dev` proxies the API to a
// Django on :8000 so the same relative URLs work.
export default defineConfig({
  base: "/static/app/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // The first load must stay small (issue 12: <= 250 KB gzipped): screens are split by route,
    // and the heavy libraries (JSON-Schema forms, charts) load with the screens that use them.
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      "/graphql/": { target: "http://127.0.0.1:8000", ws: true },
      "/evidence/": "http://127.0.0.1:8000",
    },
  },
});
