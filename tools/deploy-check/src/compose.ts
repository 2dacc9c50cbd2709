import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export type ComposeService = {
  image?: string;
  build?: { context: string; target?: string };
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval?: string; start_period?: string };
  [field: string]: unknown;
};
export type ComposeFile = { services: Record<string, ComposeService>; [field: string]: unknown };

/**
 * Compose's interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`
 * and `$$`, with `env` standing for the shell and `.env`. A `:?` whose variable is unset or
 * empty throws its message, as `docker compose` refuses to start.
 *
 * @example
 * interpolate('127.0.0.1:${API_PORT:-8000}:8000', {}); // '127.0.0.1:8000:8000'
 */
export function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?\}/g,
    (whole, name: string | undefined, op: string | undefined, arg: string | undefined) => {
      if (whole === '$$') return '$';
      const value = env[name ?? ''];
      const unset = op?.startsWith(':') ? !value : value === undefined;
      if (op?.endsWith('?') && unset) throw new Error(`${name}: ${arg}`);
      if (op?.endsWith('-') && unset) return arg ?? '';
      return value ?? '';
    },
  );
}

function interpolateAll(node: unknown, env: Record<string, string>): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateAll(value, env)]));
  }
  return node;
}

/** Compose's merge of an override file: mappings merge key by key, sequences and scalars replace. */
function mergeOverride(base: unknown, override: unknown): unknown {
  if (
    !base ||
    !override ||
    typeof base !== 'object' ||
    typeof override !== 'object' ||
    Array.isArray(base) ||
    Array.isArray(override)
  ) {
    return override;
  }
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeOverride(merged[key], value);
  return merged;
}

/**
 * The Compose model of `files` (later files override earlier ones, as `-f a -f b`), with YAML
 * merge keys (`<<`) resolved and variables interpolated from `env`.
 *
 * @example
 * const compose = loadCompose(['docker-compose.yml', 'compose.demo.yml'], { POSTGRES_PASSWORD: 'x' });
 */
export function loadCompose(files: string[], env: Record<string, string>): ComposeFile {
  const models = files.map((file) => parseYaml(readFileSync(file, 'utf8'), { merge: true }) as unknown);
  return interpolateAll(models.reduce(mergeOverride), env) as ComposeFile;
}
