// Bundles the dashboard (run from apps/dashboard): src/main.ts + zod + uPlot → dist/assets/main-<hash>.js,
// src/early.ts → early-<hash>.js (a few hundred bytes that ask for the overview's first page while
// main's bundle still loads; each bundle self-contained, no chunks), the .css, and dist/index.html
// naming them. Everything the page needs is in dist/: no CDN.
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
  entryPoints: { main: 'src/main.ts', early: 'src/early.ts', styles: 'src/styles.css' },
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

const outputs = result.metafile.outputs;
const built = (test) => basename(Object.keys(outputs).find((path) => test(path, outputs[path])));
const html = readFileSync('src/index.html', 'utf8')
  .replace('%SCRIPT%', `/assets/${built((path, o) => o.entryPoint === 'src/main.ts')}`)
  .replace('%EARLY%', `/assets/${built((path, o) => o.entryPoint === 'src/early.ts')}`)
  .replace('%STYLE%', `/assets/${built((path) => path.endsWith('.css'))}`);
writeFileSync('dist/index.html', html);
cpSync('src/favicon.svg', 'dist/favicon.svg');
