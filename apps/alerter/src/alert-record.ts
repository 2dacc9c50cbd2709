import { z } from 'zod';
import { AlertFired } from '@autoscale/contracts';
import type { AlertRuleState } from '@autoscale/forecasting';

/**
 * The alert rule's state as stored, checked on every read: a value that does not parse is
 * refused, never handed to the rule (where it would fail, or decide wrongly, on every forecast).
 */
const StoredRuleState = z.object({
  status: z.enum(['ok', 'forecast', 'breach']),
  episodeStartedAt: z.number().nullable(),
  lastNotifiedAt: z.number().nullable(),
  recentPredicted: z.array(z.boolean()).exactOptional(),
  aboveCount: z.number().int().min(0).exactOptional(),
  quietSince: z.number().nullable().exactOptional(),
  belowSince: z.number().nullable().exactOptional(),
  seen: z.number().int().min(0).exactOptional(),
}) satisfies z.ZodType<AlertRuleState>;

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Holds<T extends true> = T;
/**
 * Compiles only while the schema names every field of the rule's state: a field the rule
 * gains and the schema lacks would be stripped on every read.
 */
export type StoredRuleStateIsComplete = Holds<SameKeys<z.infer<typeof StoredRuleState>, AlertRuleState>>;

const recordFields = {
  rule: StoredRuleState,
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
};

/**
 * What the alerter remembers per (resource, metric): the rule's state, the newest forecast
 * it evaluated (so a redelivered forecast is not evaluated twice) and an outbox holding a
 * notification that was decided but not yet confirmed sent (so a crash mid-delivery sends
 * it on the next delivery instead of losing it).
 */
export const AlertRecord = z.object(recordFields);
export type AlertRecord = z.infer<typeof AlertRecord>;

/**
 * The version written with every record. A change to the stored shape that older replicas
 * cannot read adds a version (and a migration below); replicas refuse versions they do not know.
 */
export const ALERT_RECORD_VERSION = 1;

const StoredAlertRecord = z.object({ version: z.literal(ALERT_RECORD_VERSION), ...recordFields });

/** A stored record as read: usable (perhaps migrated from an older version), or refused and why. */
export type AlertRecordRead =
  { record: AlertRecord; migratedFrom?: number } | { record: null; refused: string; version: unknown };

/**
 * Reads a stored record. Version 0 (records written before versions, same shape) is migrated;
 * an unknown version, a record that does not parse, or text that is not JSON is refused with
 * the reason, and the series starts again from the rule's initial state.
 *
 * @example
 * const read = readAlertRecord(entry.string());
 * if (read.record === null) log.warn({ reason: read.refused }, 'alert state refused');
 */
export function readAlertRecord(text: string): AlertRecordRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { record: null, refused: 'not JSON', version: undefined };
  }
  const version = typeof value === 'object' && value !== null && 'version' in value ? value.version : 0;
  if (version === 0) {
    const legacy = AlertRecord.safeParse(value);
    if (legacy.success) return { record: legacy.data, migratedFrom: 0 };
    return { record: null, refused: z.prettifyError(legacy.error), version };
  }
  if (version !== ALERT_RECORD_VERSION)
    return { record: null, refused: `unknown version (this replica reads ${ALERT_RECORD_VERSION})`, version };
  const parsed = StoredAlertRecord.safeParse(value);
  if (!parsed.success) return { record: null, refused: z.prettifyError(parsed.error), version };
  const { version: _version, ...record } = parsed.data;
  return { record };
}

/** The text stored for a record: the record with the current version. */
export const writeAlertRecord = (record: AlertRecord) => JSON.stringify({ version: ALERT_RECORD_VERSION, ...record });
