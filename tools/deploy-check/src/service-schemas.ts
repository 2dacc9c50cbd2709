import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { ConfigError, parseConfig } from '@autoscale/config';

/** The four services, named as their app folders, Deployments, Compose services and images. */
export const SERVICES = ['collector', 'forecaster', 'alerter', 'api-gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

export type EnvSchema = z.ZodObject;

/** The exported schema in each service's `src/config.ts`. */
const EXPORTS: Record<ServiceName, string> = {
  collector: 'CollectorEnv',
  forecaster: 'ForecasterEnv',
  alerter: 'AlerterEnv',
  'api-gateway': 'GatewayEnv',
};

/**
 * Each service's environment schema, imported from the app's own `src/config.ts`, so the
 * manifests are checked against exactly what the service parses at start. Apps are not
 * libraries (no package entry; module boundaries forbid importing them), hence a runtime
 * import by path, read-only, from tests.
 *
 * @example
 * const schemas = await loadServiceSchemas(repoRoot);
 * schemas.collector.safeParse({ METRICS_PROVIDER: 'aws' }).success; // false: AWS_REGION missing
 */
export async function loadServiceSchemas(root: string): Promise<Record<ServiceName, EnvSchema>> {
  const entries = await Promise.all(
    SERVICES.map(async (service) => {
      const module = (await import(pathToFileURL(join(root, 'apps', service, 'src', 'config.ts')).href)) as Record<
        string,
        unknown
      >;
      const schema = module[EXPORTS[service]] as EnvSchema | undefined;
      if (!schema?.shape) throw new Error(`apps/${service}/src/config.ts exports no ${EXPORTS[service]} object schema`);
      return [service, schema] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ServiceName, EnvSchema>;
}

/**
 * What the service would say at start about `env`: its problems, one per variable, empty when
 * it starts (`parseConfig`, which services run at start: empty values count as unset).
 *
 * @example
 * configProblems(schemas.collector, { METRICS_PROVIDER: 'aws' }); // ['AWS_REGION: required when …', …]
 */
export function configProblems(schema: EnvSchema, env: Record<string, string>): string[] {
  try {
    parseConfig(schema, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
