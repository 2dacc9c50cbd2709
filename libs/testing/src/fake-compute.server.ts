import { randomUUID } from 'node:crypto';
import { startTestServer } from './http-test.server';
import type { TestRequest, TestResponse } from './http-test.server';

/**
 * A local stand-in for the Compute Engine REST API's managed instance groups, as the
 * installed client speaks it in REST (`fallback`) mode: `POST …/instanceGroupManagers/{name}/resize?size=&requestId=`
 * answers an Operation, `POST …/listManagedInstances` the group's instances; zonal
 * (`zones/{zone}`) and regional (`regions/{region}`) alike. Every call is recorded; a
 * `requestId` seen before is not applied twice, as Compute Engine does.
 */

export type FakeMig = { project: string; location: string; name: string; size: number; instanceIds: string[] };
export type RecordedComputeCall = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
};

const PATH =
  /^\/compute\/v1\/projects\/([^/]+)\/(zones|regions)\/([^/]+)\/instanceGroupManagers\/([^/]+)\/(resize|listManagedInstances)$/;

/**
 * Starts the fake on 127.0.0.1; point the client at it with `GCP_API_ENDPOINT=<url>`.
 *
 * @example
 * const compute = await startFakeCompute([{ project: 'p', location: 'europe-west1', name: 'web-mig', size: 2, instanceIds: ['1', '2'] }]);
 */
export async function startFakeCompute(migs: FakeMig[]) {
  const calls: RecordedComputeCall[] = [];
  const failures: number[] = [];
  const seen = new Set<string>();
  const find = (project: string, location: string, name: string) =>
    migs.find((m) => m.project === project && m.location === location && m.name === name);

  const server = await startTestServer((req: TestRequest) => {
    const query = Object.fromEntries(req.url.searchParams);
    calls.push({ method: req.method, path: req.url.pathname, query, authorization: req.headers.authorization });
    const status = failures.shift();
    if (status) return error(status, status === 503 ? 'UNAVAILABLE' : 'PERMISSION_DENIED', `failed with ${status}`);
    const match = PATH.exec(req.url.pathname);
    if (req.method !== 'POST' || !match) return error(404, 'NOT_FOUND', `unexpected ${req.method} ${req.url.pathname}`);
    const [, project, kind, location, name, verb] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const mig = find(project, location, name);
    if (!mig)
      return error(
        404,
        'NOT_FOUND',
        `The resource 'projects/${project}/${kind}/${location}/instanceGroupManagers/${name}' was not found`,
      );
    if (verb === 'listManagedInstances') {
      const managedInstances = mig.instanceIds.map((id) => ({
        id,
        instance: `https://www.googleapis.com/compute/v1/projects/${project}/zones/${location}-b/instances/${name}-${id}`,
        currentAction: 'NONE',
        instanceStatus: 'RUNNING',
      }));
      return json({ managedInstances });
    }
    const size = Number(query['size']);
    const requestId = query['requestId'];
    if (!requestId || !seen.has(requestId)) mig.size = size;
    if (requestId) seen.add(requestId);
    return json({
      kind: 'compute#operation',
      id: String(Math.floor(Math.random() * 1e15)),
      name: `operation-${randomUUID()}`,
      operationType: 'compute.instanceGroupManagers.resize',
      status: 'RUNNING',
      progress: 0,
      targetLink: `https://www.googleapis.com/compute/v1/projects/${project}/${kind}/${location}/instanceGroupManagers/${name}`,
      [kind === 'zones' ? 'zone' : 'region']:
        `https://www.googleapis.com/compute/v1/projects/${project}/${kind}/${location}`,
    });
  });

  return {
    url: server.url,
    calls,
    mig: (name: string) => migs.find((m) => m.name === name),
    /** The next calls answer this HTTP status (503: retryable; 403: final). */
    failNext: (status: 403 | 503, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    close: () => server.close(),
  };
}

export type FakeCompute = Awaited<ReturnType<typeof startFakeCompute>>;

const json = (body: unknown): TestResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=UTF-8' },
  body: JSON.stringify(body),
});

const error = (code: number, status: string, message: string): TestResponse => ({
  status: code,
  headers: { 'content-type': 'application/json; charset=UTF-8' },
  body: JSON.stringify({
    error: { code, message, status, errors: [{ message, domain: 'global', reason: status.toLowerCase() }] },
  }),
});
