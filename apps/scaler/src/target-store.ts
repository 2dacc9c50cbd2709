import type { Bus } from '@autoscale/bus';
import { EMPTY_TARGET_RECORD, TargetRecord } from './target-record';

/** Another replica wrote the target's record first: read again and redo. */
export class TargetConflictError extends Error {
  override name = 'TargetConflictError';
}

/**
 * Each target's record in the SCALE_STATE bucket, written compare-and-set: members of one
 * target arrive on different partitions, so two replicas may update one target at once; the
 * one that read an older revision redoes its update.
 *
 * @example
 * const store = await openTargetStore(bus);
 * const { record, revision } = await store.read('web');
 */
export async function openTargetStore(bus: Pick<Bus, 'kv' | 'names'>) {
  const kv = await bus.kv(bus.names.kv.scaleState, { history: 1 });
  return {
    async read(target: string): Promise<{ record: TargetRecord; revision: number }> {
      const entry = await kv.get(target);
      if (!entry || entry.operation !== 'PUT') return { record: EMPTY_TARGET_RECORD, revision: entry?.revision ?? 0 };
      const parsed = TargetRecord.safeParse(entry.json());
      return { record: parsed.success ? parsed.data : EMPTY_TARGET_RECORD, revision: entry.revision };
    },
    async write(target: string, record: TargetRecord, revision: number): Promise<number> {
      const data = JSON.stringify(record);
      try {
        return revision === 0 ? await kv.create(target, data) : await kv.update(target, data, revision);
      } catch (error) {
        // JetStream refuses a write against a stale revision with "wrong last sequence"; anything else is not a conflict.
        if (!/wrong last sequence/i.test(error instanceof Error ? error.message : String(error))) throw error;
        throw new TargetConflictError(
          `target ${target} changed since revision ${revision}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  };
}

export type TargetStore = Awaited<ReturnType<typeof openTargetStore>>;
