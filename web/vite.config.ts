// Builds the single-page web app into dist/, which `shrimp serve` serves:
// index.html at / (and for every client route), hashed files under /assets/.
import { defineConfig } from 'vite';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One small app: a single chunk loads faster than a waterfall of tiny ones.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev` talks to a local `shrimp serve` for the API.
    proxy: { '/api': 'http://127.0.0.1:8080', '/images': 'http://127.0.0.1:8080' },
  },
});
