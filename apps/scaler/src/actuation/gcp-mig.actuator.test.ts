import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCompute } from '@autoscale/testing';
import type { FakeCompute } from '@autoscale/testing';
import { decisionAt } from '../testing/decision';
import { gcpMigActuator } from './gcp-mig.actuator';

describe('gcpMigActuator against a Compute Engine REST stand-in', () => {
  let compute: FakeCompute;
  beforeEach(async () => {
    compute = await startFakeCompute([
      { project: 'proj', location: 'europe-west1', name: 'web-mig', size: 2, instanceIds: ['111', '222'] },
      { project: 'proj', location: 'europe-west1-b', name: 'zonal-mig', size: 1, instanceIds: ['333'] },
    ]);
  });
  afterEach(() => compute.close());

  it('resizes a regional group with a requestId that is the same on every attempt at one decision', async () => {
    const mig = gcpMigActuator({ project: 'proj', region: 'europe-west1', name: 'web-mig', apiEndpoint: compute.url });
    const decision = decisionAt(Date.now(), { actuator: 'gcp-mig', desired: 5 });
    expect(await mig.apply(decision, 'web:2026-03-02T10:00:00.000Z')).toEqual({ applied: 5 });
    await mig.apply(decision, 'web:2026-03-02T10:00:00.000Z');
    const resizes = compute.calls.filter((c) => c.path.endsWith('/resize'));
    expect(resizes.map((c) => [c.method, c.path])).toEqual([
      ['POST', '/compute/v1/projects/proj/regions/europe-west1/instanceGroupManagers/web-mig/resize'],
      ['POST', '/compute/v1/projects/proj/regions/europe-west1/instanceGroupManagers/web-mig/resize'],
    ]);
    expect(resizes[0]!.query).toMatchObject({
      size: '5',
      requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    });
    expect(resizes[1]!.query['requestId']).toBe(resizes[0]!.query['requestId']);
    expect(compute.mig('web-mig')!.size).toBe(5);
    // A plain-HTTP emulator endpoint gets no credentials.
    expect(resizes[0]!.authorization).toBeUndefined();
  });

  it('resizes a zonal group and reads the members of both kinds', async () => {
    const zonal = gcpMigActuator({
      project: 'proj',
      zone: 'europe-west1-b',
      name: 'zonal-mig',
      apiEndpoint: compute.url,
    });
    await zonal.apply(decisionAt(Date.now(), { actuator: 'gcp-mig', desired: 3 }), 'zonal:x');
    expect(compute.mig('zonal-mig')!.size).toBe(3);
    expect(await zonal.members!()).toEqual(['333']);
    const regional = gcpMigActuator({
      project: 'proj',
      region: 'europe-west1',
      name: 'web-mig',
      apiEndpoint: compute.url,
    });
    expect(await regional.members!()).toEqual(['111', '222']);
    expect(compute.calls.at(-1)!.path).toBe(
      '/compute/v1/projects/proj/regions/europe-west1/instanceGroupManagers/web-mig/listManagedInstances',
    );
  });

  it('reports an unavailable API as retryable and a refusal or a missing group as final', async () => {
    const mig = gcpMigActuator({ project: 'proj', region: 'europe-west1', name: 'web-mig', apiEndpoint: compute.url });
    compute.failNext(503);
    expect(
      await mig.apply(decisionAt(Date.now(), { actuator: 'gcp-mig' }), 'w:1').catch((e: unknown) => e),
    ).toMatchObject({ final: false });
    compute.failNext(403);
    expect(
      await mig.apply(decisionAt(Date.now(), { actuator: 'gcp-mig' }), 'w:2').catch((e: unknown) => e),
    ).toMatchObject({ final: true });
    const missing = gcpMigActuator({ project: 'proj', region: 'europe-west1', name: 'nope', apiEndpoint: compute.url });
    expect(
      await missing.apply(decisionAt(Date.now(), { actuator: 'gcp-mig' }), 'w:3').catch((e: unknown) => e),
    ).toMatchObject({ final: true });
  });
});
