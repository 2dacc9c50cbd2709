/**
 * The shape of `/api/alerts` items and `alert` stream events for the views: today's
 * deliveries (`ok`, `error`) and the richer ones (`status`, `attempts`) read alike.
 */

export type DeliveryView = { channel: string; status: string; ok: boolean; detail: string | null; attempts: number | null };

export type AlertView = {
  id: string;
  episodeId: string | null;
  resourceId: string;
  metric: string;
  kind: string;
  severity: string;
  message: string;
  firedAt: number;
  breachAt: number | null;
  silenced: boolean;
  acknowledged: boolean;
  deliveries: DeliveryView[];
};

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const time = (v: unknown): number | null => {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? null : t;
};

export function toAlertView(item: unknown): AlertView | null {
  const o = obj(item);
  const id = str(o['id']);
  const resourceId = str(o['resourceId']);
  const firedAt = time(o['firedAt']);
  if (id === null || resourceId === null || firedAt === null) return null;
  const deliveries = (Array.isArray(o['deliveries']) ? o['deliveries'] : []).map(toDelivery);
  const status = str(o['status']);
  return {
    id,
    episodeId: str(o['episodeId']),
    resourceId,
    metric: str(o['metric']) ?? '',
    kind: str(o['kind']) ?? 'forecast',
    severity: str(o['severity']) ?? 'info',
    message: str(o['message']) ?? '',
    firedAt,
    breachAt: time(o['breachAt']),
    silenced: o['silenced'] === true || status === 'silenced' || deliveries.some((d) => d.status === 'silenced'),
    acknowledged: o['acknowledged'] === true || o['ackedAt'] !== undefined || time(o['acknowledgedAt']) !== null,
    deliveries,
  };
}

function toDelivery(item: unknown): DeliveryView {
  const o = obj(item);
  const given = str(o['status']);
  const ok = o['ok'] === true || given === 'delivered';
  return {
    channel: str(o['channel']) ?? '?',
    status: given ?? (ok ? 'delivered' : 'failed'),
    ok,
    detail: str(o['error']) ?? str(o['lastError']),
    attempts: typeof o['attempts'] === 'number' ? o['attempts'] : null,
  };
}

export const alertItems = (body: unknown): AlertView[] => {
  const list = obj(body)['alerts'];
  return (Array.isArray(list) ? list : []).map(toAlertView).filter((a): a is AlertView => a !== null);
};
