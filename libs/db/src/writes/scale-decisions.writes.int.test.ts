import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScaleActuationUpdated, ScaleDecided } from '@autoscale/contracts';
import type { Database } from '../client';
import { latestScaleDecisions, listScaleDecisions } from '../queries/scale-decisions.repository';
import { migratedTestDatabase } from '../testing/index';
import { applyScaleActuations, insertScaleDecisions, ScaleDecisionNotFoundError } from './scale-decisions.writes';

let database: Awaited<ReturnType<typeof migratedTestDatabase>>;
let db: Database;
beforeAll(async () => {
  database = await migratedTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 0, minute)).toISOString();
const decided = (
  target: string,
  minute: number,
  desired: number,
  action: ScaleDecided['action'] = 'scale-out',
): ScaleDecided => ({
  v: 1,
  target,
  metric: 'cpu',
  forecastAt: at(minute),
  decidedAt: at(minute),
  mode: 'act',
  paused: false,
  action,
  current: 2,
  desired,
  forecastCapacity: desired,
  currentUtilization: 50,
  expectedUtilization: 80,
  breachProbability: null,
  targetUtilization: 60,
  minCapacity: 1,
  maxCapacity: 10,
  leadMin: 5,
  actuator: 'aws-asg',
  execute: action !== 'hold',
  reason: `to ${desired}`,
  members: [],
});
const update = (
  target: string,
  minute: number,
  status: ScaleActuationUpdated['status'],
  attempts: number,
): ScaleActuationUpdated => ({
  v: 1,
  decisionId: `${target}:${at(minute)}`,
  target,
  actuator: 'aws-asg',
  desired: 3,
  status,
  attempts,
  at: at(minute + attempts),
});

describe('scale decision writes', () => {
  it('store each decision once and answer the newest per target', async () => {
    await insertScaleDecisions(db, [decided('web', 0, 3), decided('web', 5, 4, 'hold'), decided('api', 0, 2)]);
    // A decision already stored is left as it is (a redelivery, or another replica's copy).
    await insertScaleDecisions(db, [decided('web', 0, 99)]);
    const latest = await latestScaleDecisions(db);
    expect(latest.map((r) => [r.target, r.desired])).toEqual([
      ['api', 2],
      ['web', 4],
    ]);
    expect((await listScaleDecisions(db, 'web', { limit: 10, changesOnly: true })).map((r) => r.desired)).toEqual([3]);
  });

  it('keep the actuation update with the most attempts, whatever order they come in', async () => {
    await applyScaleActuations(db, [
      update('web', 0, 'retrying', 1),
      update('web', 0, 'done', 2),
      update('web', 0, 'retrying', 1),
    ]);
    const [row] = await listScaleDecisions(db, 'web', { limit: 1, changesOnly: true });
    expect(row).toMatchObject({ actuationStatus: 'done', actuationAttempts: 2 });
  });

  it('refuse an update whose decision is not stored yet', async () => {
    await expect(applyScaleActuations(db, [update('ghost', 0, 'done', 1)])).rejects.toBeInstanceOf(
      ScaleDecisionNotFoundError,
    );
  });
});
