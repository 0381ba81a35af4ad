import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const WEB = path.join(import.meta.dirname, 'src/web');

/** The dev server's counterpart of the Fastify fallback: pages under /p/ get public.html, everything else index.html. */
function publicPagesInDev(): Plugin {
  return {
    name: 'gongzhi-public-pages',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.method === 'GET' && /^\/p\//.test(req.url ?? '') && String(req.headers.accept ?? '').includes('text/html')) req.url = '/public.html';
        next();
      });
    },
  };
}

// Two entries built into web-dist/ at the repo root, which the Fastify app serves at `/`: the console (index.html) and the
// residents' public pages (public.html, for /p/...), which share no code with the console beyond React.
export default defineConfig({
  root: WEB,
  plugins: [react(), publicPagesInDev()],
  build: {
    outDir: path.join(import.meta.dirname, 'web-dist'),
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { input: { index: path.join(WEB, 'index.html'), public: path.join(WEB, 'public.html') } },
  },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:8080' } },
});
