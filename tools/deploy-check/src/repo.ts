import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Files git knows (tracked or new, not ignored) matching the pathspecs. */
export function repoFiles(...pathspecs: string[]): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...pathspecs], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return out.split('\n').filter(Boolean);
}

/** The version every image is tagged with: the root package.json's. */
export const VERSION = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version;
