// Vite builds web/ into web/dist, which the jaring server serves at /.
// Preact JSX goes through esbuild directly (no Babel preset needed).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: 'web',
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  resolve: {
    alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // No inline module preload polyfill script: the server's CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        manualChunks: { echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'] },
      },
    },
  },
  server: {
    // `npm run dev` proxies the API to a server started with `make run`.
    proxy: { '/api': process.env.JARING_API ?? 'http://127.0.0.1:8080' },
  },
  test: {
    root: '.',
    include: ['web/src/**/*.test.ts'],
    environment: 'node',
  },
});
