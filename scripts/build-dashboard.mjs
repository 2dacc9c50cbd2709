// Bundles the dashboard (run from apps/dashboard): src/main.ts → dist/assets/main-<hash>.js, a
// small entry that starts the overview's first read, then loads zod's settings and the rest
// (src/app.ts with the overview; zod and the schemas in a chunk of their own; the other views
// and uPlot in chunks loaded on their first visit), the .css, and dist/index.html naming them:
// what the entry loads at start is preloaded (modulepreload) so it downloads alongside the
// entry, not after it. Everything the page needs is in dist/: no CDN.
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
  entryPoints: { main: 'src/main.ts', styles: 'src/styles.css' },
  outdir: 'dist/assets',
  entryNames: '[name]-[hash]',
  // The gateway serves /assets/<file> (one level): chunks sit beside the entry.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [englishOnlyZod],
});

const outputs = result.metafile.outputs;
const mainOutput = Object.keys(outputs).find((path) => outputs[path].entryPoint === 'src/main.ts');
/** A chunk and every chunk it imports statically: what must load before it runs. */
const withStaticImports = (path) => [
  path,
  ...outputs[path].imports.filter((i) => i.kind === 'import-statement').flatMap((i) => withStaticImports(i.path)),
];
// What the entry loads at once: its own imports, and the modules it imports dynamically at start
// (zod's settings, the app) with theirs; the views loaded on a later visit are left out.
const [entry, ...entryImports] = withStaticImports(mainOutput);
const started = outputs[mainOutput].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
const preloads = [...new Set([...entryImports, ...started.flatMap(withStaticImports)])].map((path) => basename(path));
const script = basename(entry);
const style = basename(Object.keys(outputs).find((path) => path.endsWith('.css')));
const html = readFileSync('src/index.html', 'utf8')
  .replace('%SCRIPT%', `/assets/${script}`)
  .replace('%STYLE%', `/assets/${style}`)
  .replace(
    '<!-- %PRELOADS% -->',
    preloads.map((name) => `<link rel="modulepreload" href="/assets/${name}" />`).join('\n    '),
  );
writeFileSync('dist/index.html', html);
cpSync('src/favicon.svg', 'dist/favicon.svg');
