// Bundles the dashboard (run from apps/dashboard): src/main.ts + uPlot → dist/assets/app-<hash>.js
// and .css, and dist/index.html naming them. Everything the page needs is in dist/: no CDN.
import { build } from 'esbuild';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * zod's namespace re-exports every message locale (about half of zod in the bundle); the
 * page shows only English messages (zod's default, registered by its schemas), so the rest
 * are left out.
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/node_modules/zod/')
        ? { path: join(args.resolveDir, args.path), namespace: 'english-only-zod' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'english-only-zod' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

rmSync('dist', { recursive: true, force: true });
const result = await build({
  entryPoints: { app: 'src/main.ts', styles: 'src/styles.css' },
  outdir: 'dist/assets',
  entryNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [englishOnlyZod],
});

const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
const script = outputs.find((name) => name.endsWith('.js'));
const style = outputs.find((name) => name.endsWith('.css'));
const html = readFileSync('src/index.html', 'utf8')
  .replace('%SCRIPT%', `/assets/${script}`)
  .replace('%STYLE%', `/assets/${style}`);
writeFileSync('dist/index.html', html);
cpSync('src/favicon.svg', 'dist/favicon.svg');
