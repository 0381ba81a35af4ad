import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console lives in src/web and is built into web-dist/ at the repo root, which the Fastify app serves at `/`.
export default defineConfig({
  root: path.join(import.meta.dirname, 'src/web'),
  plugins: [react()],
  build: {
    outDir: path.join(import.meta.dirname, 'web-dist'),
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:8080' } },
});
