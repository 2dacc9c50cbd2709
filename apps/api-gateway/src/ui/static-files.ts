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

/** One file of the dashboard, held in memory with what its response needs. */
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
    const body = new Uint8Array(readFileSync(path));
    const urlPath = `/${relative(folder, path).split(sep).join('/')}`;
    files.set(urlPath, {
      body,
      contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
      immutable: urlPath.startsWith('/assets/'),
    });
  }
  return files;
}

function* walk(folder: string): Generator<string> {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
