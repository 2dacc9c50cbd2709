import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';

/** The four services, in pipeline order, with the schema their `src/config.ts` exports. */
export const SERVICE_SCHEMAS = {
  collector: 'CollectorEnv',
  forecaster: 'ForecasterEnv',
  alerter: 'AlerterEnv',
  'api-gateway': 'GatewayEnv',
} as const;
export type Service = keyof typeof SERVICE_SCHEMAS;

/**
 * Each service's environment schema, imported by path from the app's own `src/config.ts`
 * (apps are not libraries), so the documentation is made from exactly what the service parses.
 *
 * @example
 * const schemas = await serviceEnvSchemas(repoRoot);
 * Object.keys(schemas.alerter.shape); // ['NATS_URL', …, 'PUBLIC_URL']
 */
export async function serviceEnvSchemas(root: string): Promise<Record<Service, z.ZodObject>> {
  const services = Object.keys(SERVICE_SCHEMAS) as Service[];
  const loaded = await Promise.all(
    services.map(async (service) => {
      const url = pathToFileURL(join(root, 'apps', service, 'src', 'config.ts')).href;
      const schema = ((await import(url)) as Record<string, z.ZodObject | undefined>)[SERVICE_SCHEMAS[service]];
      if (!schema?.shape) throw new Error(`apps/${service}/src/config.ts exports no ${SERVICE_SCHEMAS[service]}`);
      return [service, schema] as const;
    }),
  );
  return Object.fromEntries(loaded) as Record<Service, z.ZodObject>;
}
