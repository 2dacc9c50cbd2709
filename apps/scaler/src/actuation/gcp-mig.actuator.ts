import { InstanceGroupManagersClient, RegionInstanceGroupManagersClient } from '@google-cloud/compute';
import { createHash } from 'node:crypto';
import { PassThroughClient } from 'google-auth-library';
import { parseApiEndpoint } from '@autoscale/config';
import { ActuationError } from './actuator';
import type { Actuator } from './actuator';

export type GcpMigOptions = {
  project: string;
  zone?: string | undefined;
  region?: string | undefined;
  name: string;
  /** `GCP_API_ENDPOINT`: another HTTPS endpoint, or `http://host:port` (no credentials sent). */
  apiEndpoint?: string | undefined;
};

type ClientOptions = NonNullable<ConstructorParameters<typeof InstanceGroupManagersClient>[0]>;

/** HTTP statuses (REST) and gRPC codes after which the same call cannot succeed: bad request, auth, not found. */
const FINAL_HTTP = new Set([400, 401, 403, 404]);
const FINAL_GRPC = new Set([3, 5, 7, 16]);

function clientOptions(apiEndpoint: string | undefined): ClientOptions {
  // REST (the library's `fallback`), as the collector's Monitoring client: one transport everywhere.
  if (!apiEndpoint) return { fallback: true };
  const endpoint = parseApiEndpoint(apiEndpoint);
  return {
    fallback: true,
    apiEndpoint: endpoint.servicePath,
    protocol: endpoint.protocol,
    ...(endpoint.port ? { port: endpoint.port } : {}),
    ...(endpoint.protocol === 'http' ? { authClient: new PassThroughClient() } : {}),
  };
}

/**
 * A Compute Engine managed instance group, zonal or regional: `resize` with the decision's id
 * as `requestId` (a retried call is applied once), members from `listManagedInstances` (their
 * numeric instance ids, the collector's resource ids). The resize operation is submitted, not
 * awaited: the group's own status shows its progress.
 *
 * @example
 * const mig = gcpMigActuator({ project: 'p', region: 'europe-west1', name: 'web-mig' });
 * await mig.apply(decision, decisionId); // { applied: 6 }
 */
export function gcpMigActuator(opts: GcpMigOptions): Actuator {
  const options = clientOptions(opts.apiEndpoint);
  const where = opts.zone ? { zone: opts.zone } : { region: opts.region! };
  const request = { project: opts.project, instanceGroupManager: opts.name, ...where };
  const zonal = opts.zone ? new InstanceGroupManagersClient(options) : null;
  const regional = opts.zone ? null : new RegionInstanceGroupManagersClient(options);

  return {
    type: 'gcp-mig',
    async apply(decision, decisionId) {
      const size = decision.desired;
      const requestId = requestIdOf(decisionId);
      await call(() =>
        zonal
          ? zonal.resize({ ...request, zone: opts.zone!, size, requestId })
          : regional!.resize({ ...request, region: opts.region!, size, requestId }),
      );
      return { applied: size };
    },
    async members() {
      const ids: string[] = [];
      const instances = zonal
        ? zonal.listManagedInstancesAsync({ ...request, zone: opts.zone! })
        : regional!.listManagedInstancesAsync({ ...request, region: opts.region! });
      await call(async () => {
        for await (const instance of instances)
          if (instance.id !== undefined && instance.id !== null) ids.push(String(instance.id));
      });
      return ids;
    },
  };
}

/**
 * Compute Engine wants a UUID as `requestId`; the decision's id (target and forecast time)
 * hashed into one, so every attempt at one decision carries the same.
 */
function requestIdOf(decisionId: string): string {
  const hex = createHash('sha1').update(decisionId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function call<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (thrown) {
    const { code, status } = thrown as { code?: unknown; status?: unknown };
    const final =
      (typeof status === 'number' && FINAL_HTTP.has(status)) || (typeof code === 'number' && FINAL_GRPC.has(code));
    throw new ActuationError(thrown instanceof Error ? thrown.message : String(thrown), final);
  }
}
