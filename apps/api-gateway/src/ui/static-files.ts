import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join, relative, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** One file of the dashboard or the API docs, held in memory with what its response needs. */
export type StaticFile = { body: Uint8Array<ArrayBuffer>; contentType: string; etag: string; immutable: boolean };

/**
 * Reads the built dashboard (a few small files) once into memory, keyed by URL path
 * (`/index.html`, `/assets/app-3F2A.js`). Files under `assets/` carry a content hash in
 * their name, so they may be cached for a year; the rest are revalidated by ETag.
 * A missing folder gives an empty map (the gateway then answers `/` with a clear 404).
 */
export function loadStaticFiles(folder: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(folder)) return files;
  for (const path of walk(folder)) {
    const urlPath = `/${relative(folder, path).split(sep).join('/')}`;
    files.set(urlPath, staticFile(urlPath, readFileSync(path), { immutable: urlPath.startsWith('/assets/') }));
  }
  return files;
}

/**
 * One file to serve from memory: its content type from the name's extension, its ETag from
 * its content. `immutable` only for names that change with the content.
 *
 * @example
 * staticFile('/docs.js', 'SwaggerUIBundle({...})', { immutable: false })
 */
export function staticFile(
  name: string,
  content: string | Uint8Array,
  { immutable }: { immutable: boolean },
): StaticFile {
  const body = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
  return {
    body,
    contentType: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
    etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
    immutable,
  };
}

function* walk(folder: string): Generator<string> {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
