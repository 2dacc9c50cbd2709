import type { Bus, KV } from '@autoscale/bus';
import type { Logger } from '@autoscale/observability';
import { readAlertRecord, writeAlertRecord } from './alert-record';
import type { AlertRecord } from './alert-record';

export type StoredRecord = { record: AlertRecord | null; revision: number };

/** KV keys allow `[-/_=.A-Za-z0-9]`; resource ids may hold anything, so encode them. */
export const alertKey = (resourceId: string, metric: string) =>
  `${Buffer.from(resourceId, 'utf8').toString('base64url')}.${metric}`;

/**
 * The alert state bucket. Writes are compare-and-set on the revision read, so two replicas
 * handling the same series can never both decide to notify: the second write fails and
 * its message is retried against the new state.
 */
export async function openAlertStore(bus: Pick<Bus, 'kv' | 'names'>, log: Logger) {
  const kv: KV = await bus.kv(bus.names.kv.alertState, { history: 1 });
  const read = async (key: string): Promise<StoredRecord> => {
    const entry = await kv.get(key);
    if (!entry || entry.operation !== 'PUT') return { record: null, revision: entry?.revision ?? 0 };
    const stored = readAlertRecord(entry.string());
    // A refused record is replaced on the next write (compare-and-set on its revision): the
    // series starts again from the rule's initial state instead of failing every forecast.
    if (stored.record === null) {
      log.error(
        { key, version: stored.version, reason: stored.refused },
        'alert state refused: the series starts again from the initial state',
      );
    } else if (stored.migratedFrom !== undefined) {
      log.info({ key, from: stored.migratedFrom }, 'alert state migrated to the current version');
    }
    return { record: stored.record, revision: entry.revision };
  };

  return {
    read,
    /** The notices of every open episode (see {@link AlertRecord} `notice`), read key by key. */
    async openNotices(): Promise<Array<NonNullable<AlertRecord['notice']>>> {
      const notices: Array<NonNullable<AlertRecord['notice']>> = [];
      for await (const key of await kv.keys()) {
        const { record } = await read(key);
        if (record?.notice && record.rule.status !== 'ok') notices.push(record.notice);
      }
      return notices;
    },
    /** Writes if nobody wrote since `revision` (0: the key must not exist); returns the new revision. */
    async write(key: string, record: AlertRecord, revision: number): Promise<number> {
      const data = writeAlertRecord(record);
      return revision === 0 ? kv.create(key, data) : kv.update(key, data, revision);
    },
  };
}

export type AlertStore = Awaited<ReturnType<typeof openAlertStore>>;
