import { randomUUID } from 'node:crypto';
import { alertFiredMsgId, AlertTestRequest } from '@autoscale/contracts';
import type { AlertFired, AlertTestReply } from '@autoscale/contracts';
import type { NatsConnection } from '@autoscale/bus';
import { alertMessage } from './alert-message';
import { deliverAll } from './channels/channel';
import type { AlerterDeps } from './forecast-updated.handler';

/**
 * Answers `alert.test`: sends a test alert on every configured channel, publishes it like
 * any alert (so it is listed by the gateway) and replies with it, delivery results included.
 */
export function serveTestAlerts(nc: NatsConnection, deps: Omit<AlerterDeps, 'store' | 'params'>) {
  return nc.subscribe(deps.names.subjects.alertTest, {
    queue: 'alerter',
    callback: (_error, msg) => {
      void (async () => {
        const reply = await sendTestAlert(safeRequest(() => msg.json()), deps);
        msg.respond(JSON.stringify(reply));
      })();
    },
  });
}

async function sendTestAlert(raw: unknown, deps: Omit<AlerterDeps, 'store' | 'params'>): Promise<AlertTestReply> {
  const request = AlertTestRequest.safeParse(raw ?? {});
  if (!request.success) return { error: 'invalid test-alert request' };
  try {
    const now = new Date();
    const draft = {
      v: 1 as const,
      id: `test/${randomUUID()}`,
      resourceId: 'test',
      metric: 'cpu' as const,
      kind: 'test' as const,
      severity: 'info' as const,
      breachAt: null,
      firedAt: now.toISOString(),
      message: alertMessage({ kind: 'test', resourceId: 'test', metric: 'cpu', current: 0, threshold: 0, breachAt: null, now: now.getTime(), model: '' }),
      ...(request.data.requestedBy ? { requestedBy: request.data.requestedBy } : {}),
    };
    const alert: AlertFired = { ...draft, deliveries: await deliverAll(deps.channels, draft) };
    await deps.publish(deps.names.subjects.alertFired(alert.severity, alert.resourceId), alert, alertFiredMsgId(alert));
    deps.counters.inc('alerts_test');
    return { alert };
  } catch (error) {
    deps.log.error({ err: error }, 'test alert failed');
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function safeRequest(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return {};
  }
}
