import { randomUUID } from 'node:crypto';
import { alertFiredEvent, AlertTestRequest } from '@autoscale/contracts';
import type { AlertFired, AlertTestReply, BusNames, Delivery } from '@autoscale/contracts';
import { parseMessage } from '@autoscale/bus';
import type { NatsConnection, Publisher } from '@autoscale/bus';
import type { Counters, Logger } from '@autoscale/observability';
import { alertMessage } from './alert-message';
import type { AlertDraft, Channel } from './channels/channel';

export type TestAlertDeps = {
  channels: readonly Channel[];
  names: BusNames;
  publish: Publisher;
  log: Logger;
  counters: Counters;
  now?: () => number;
};

/**
 * Answers `alert.test`: sends a test alert once on every configured channel (no retries: the
 * person asking sees the result at once), publishes it like any alert and replies with it.
 * A request that is not valid JSON with a deadline is answered with an error and sends
 * nothing; one whose deadline has passed (the asker gave up) is dropped unanswered.
 */
export function serveTestAlerts(nc: NatsConnection, deps: TestAlertDeps) {
  return nc.subscribe(deps.names.subjects.alertTest, {
    queue: 'alerter',
    callback: (_error, msg) => {
      void (async () => {
        const reply = await answer(msg, deps);
        if (reply) msg.respond(JSON.stringify(reply));
      })();
    },
  });
}

async function answer(msg: { json(): unknown }, deps: TestAlertDeps): Promise<AlertTestReply | null> {
  const request = parseMessage(msg, AlertTestRequest);
  if (!request.ok) {
    deps.counters.inc('test_alerts_refused');
    return { error: `invalid test-alert request: ${request.reason}` };
  }
  const now = (deps.now ?? Date.now)();
  if (Date.parse(request.event.deadline) <= now) {
    deps.counters.inc('test_alerts_expired');
    deps.log.info({ deadline: request.event.deadline }, 'test alert request expired, dropped');
    return null;
  }
  try {
    const draft = testDraft(now, request.event.requestedBy);
    const alert: AlertFired = { ...draft, deliveries: await sendOnce(deps.channels, draft) };
    await deps.publish(alertFiredEvent, alert);
    deps.counters.inc('alerts_test');
    return { alert };
  } catch (error) {
    deps.log.error({ err: error }, 'test alert failed');
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function testDraft(now: number, requestedBy: string | undefined): AlertDraft {
  return {
    v: 1,
    id: `test/${randomUUID()}`,
    resourceId: 'test',
    metric: 'cpu',
    kind: 'test',
    severity: 'info',
    breachAt: null,
    firedAt: new Date(now).toISOString(),
    message: alertMessage({
      kind: 'test',
      resourceId: 'test',
      metric: 'cpu',
      current: 0,
      threshold: 0,
      breachAt: null,
      now,
      model: '',
    }),
    ...(requestedBy ? { requestedBy } : {}),
  };
}

/** One attempt per channel, all at once; each result recorded, none stopping the others. */
function sendOnce(channels: readonly Channel[], alert: AlertDraft): Promise<Delivery[]> {
  return Promise.all(
    channels.map(async (channel): Promise<Delivery> => {
      try {
        await channel.send(alert);
        return { channel: channel.name, ok: true, status: 'delivered', attempts: 1, at: new Date().toISOString() };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          channel: channel.name,
          ok: false,
          status: 'failed',
          attempts: 1,
          error: message,
          at: new Date().toISOString(),
        };
      }
    }),
  );
}
