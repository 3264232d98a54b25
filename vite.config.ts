import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The UI lives in ui/; Tauri embeds ui/dist (see src-tauri/tauri.conf.json).
export default defineConfig({
  root: 'ui',
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, target: 'safari15' },
  test: { include: ['src/**/*.test.ts'] },
});
