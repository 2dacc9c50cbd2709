import type { Bus, KV } from '@autoscale/bus';
import { z } from 'zod';
import { AlertFired } from '@autoscale/contracts';
import type { AlertRuleState } from '@autoscale/forecasting';

/**
 * What the alerter remembers per (resource, metric): the rule's state, the newest forecast
 * it evaluated (so a redelivered forecast is not evaluated twice) and an outbox holding a
 * notification that was decided but not yet confirmed sent (so a crash mid-delivery sends
 * it on the next delivery instead of losing it).
 */
export const AlertRecord = z.object({
  rule: z.custom<AlertRuleState>((v) => typeof v === 'object' && v !== null),
  lastForecastAt: z.number(),
  outbox: AlertFired.omit({ deliveries: true }).nullable(),
  /** The open episode's last notification was suppressed as stale: the next fresh forecast that keeps it open notifies. */
  unsent: z.boolean().optional(),
  /**
   * The newest forecast or breach notification sent (not suppressed) in the open episode;
   * null once it closed. Pagers that re-send open alerts (Alertmanager) read it, whichever
   * replica decided it and across restarts. Optional: records written before it lack it.
   */
  notice: AlertFired.omit({ deliveries: true }).nullable().optional(),
});
export type AlertRecord = z.infer<typeof AlertRecord>;

export type StoredRecord = { record: AlertRecord | null; revision: number };

/** KV keys allow `[-/_=.A-Za-z0-9]`; resource ids may hold anything, so encode them. */
export const alertKey = (resourceId: string, metric: string) =>
  `${Buffer.from(resourceId, 'utf8').toString('base64url')}.${metric}`;

/**
 * The alert state bucket. Writes are compare-and-set on the revision read, so two replicas
 * handling the same series can never both decide to notify: the second write fails and
 * its message is retried against the new state.
 */
export async function openAlertStore(bus: Pick<Bus, 'kv' | 'names'>) {
  const kv: KV = await bus.kv(bus.names.kv.alertState, { history: 1 });
  const read = async (key: string): Promise<StoredRecord> => {
    const entry = await kv.get(key);
    if (!entry || entry.operation !== 'PUT') return { record: null, revision: entry?.revision ?? 0 };
    const parsed = AlertRecord.safeParse(entry.json());
    return { record: parsed.success ? parsed.data : null, revision: entry.revision };
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
      const data = JSON.stringify(record);
      return revision === 0 ? kv.create(key, data) : kv.update(key, data, revision);
    },
  };
}

export type AlertStore = Awaited<ReturnType<typeof openAlertStore>>;
