import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The console's registered operations, sha256 → text, beside the page: what MMHUB_PERSISTED_OPERATIONS points a production gateway at. */
function persistedOperations(): Plugin {
  return {
    name: 'mmhub-persisted-operations',
    generateBundle() {
      const documents = JSON.parse(readFileSync(`${root}src/gql/persisted-documents.json`, 'utf8')) as Record<string, string>;
      // the gateway looks operations up by the hex digest the console sends, without the codegen's "sha256:" prefix
      const manifest = Object.fromEntries(Object.entries(documents).map(([key, text]) => [key.replace(/^sha256:/, ''), text]));
      this.emitFile({ type: 'asset', fileName: 'persisted-operations.json', source: `${JSON.stringify(manifest, null, 2)}\n` });
    },
  };
}

export default defineConfig({
  root,
  base: '/console/',
  plugins: [persistedOperations()],
  build: {
    outDir: `${root}../dist/console`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    reportCompressedSize: false,
  },
});
