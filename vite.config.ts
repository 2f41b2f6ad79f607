import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * The renderer is built once and served by both shells: the headless shell from
 * renderer/dist over HTTP, Electron from disk, hence relative asset URLs (`base: './'`).
 */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./renderer/dist'),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: false,
    // Both shells serve the build from their own origin; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
  },
  server: {
    host: '127.0.0.1',
    strictPort: true,
  },
});
