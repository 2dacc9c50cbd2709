import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { auditRecordedEvent } from '@autoscale/contracts';
import type { AuditAction, AuditRecorded } from '@autoscale/contracts';
import { createJetStream, publish } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import type { GatewayDeps } from '../deps';
import { actorOf } from '../require-token.middleware';

const clients = new WeakMap<object, JetStreamClient>();

/**
 * Records a change made through the API as an `audit.<action>` event (stream AUDIT), by the
 * name of the token that authorised the request. Call it from a route after the change
 * succeeded, behind `requireToken`:
 *
 * @example
 * await recordAudit(deps, c, 'target.paused', targetId, { until });
 */
export async function recordAudit(
  deps: Pick<GatewayDeps, 'nc' | 'names'>,
  c: Context,
  action: AuditAction,
  target: string,
  details: Record<string, unknown> = {},
): Promise<AuditRecorded> {
  let js = clients.get(deps.nc);
  if (!js) clients.set(deps.nc, (js = createJetStream(deps.nc)));
  const event: AuditRecorded = {
    v: 1,
    id: randomUUID(),
    action,
    actor: actorOf(c),
    target,
    details,
    at: new Date().toISOString(),
  };
  await publish(js, deps.names, auditRecordedEvent, event);
  return event;
}
