import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses an environment with a zod schema into a frozen, typed object; every problem names
 * its variable. Empty strings count as unset, so `FOO=` in a `.env` falls back to the default.
 *
 * @example
 * const config = parseConfig(z.object({ PORT: z.coerce.number().default(8000) }), process.env);
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): Readonly<z.infer<S>> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
  }
  return Object.freeze(result.data) as Readonly<z.infer<S>>;
}

/**
 * {@link parseConfig} for a service's `main.ts`: on failure prints every problem and exits 1,
 * because a service that starts with a half-understood configuration does harm quietly.
 */
export function loadConfigOrExit<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): Readonly<z.infer<S>> {
  try {
    return parseConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(1);
  }
}
