import { describe, expect, expectTypeOf, it } from 'vitest';
import { AlertsResponse } from '@autoscale/http-contract';
import type { Alert, OneResourceForecasts, ResourcePage } from '@autoscale/http-contract';
import { anAlert } from '@autoscale/http-contract/testing';
import { ackState } from '../views/alert-actions';
import { ApiFailure, checkAnswer } from './client';
import { gatewayApi } from './gateway-api';

const alert = anAlert();

describe("the dashboard's client", () => {
  it("is typed by the schemas of the gateway's routes", () => {
    expectTypeOf(gatewayApi.alerts).returns.resolves.toEqualTypeOf<AlertsResponse>();
    expectTypeOf(gatewayApi.resourcePage).returns.resolves.toEqualTypeOf<
      { body: ResourcePage; etag: string | null } | 'unchanged'
    >();
    expectTypeOf(gatewayApi.resourceForecasts).returns.resolves.toEqualTypeOf<OneResourceForecasts>();
  });

  it('takes an answer that matches the contract as it is', () => {
    expect(checkAnswer(AlertsResponse, { alerts: [alert] }, '/api/alerts').alerts[0]?.ackedBy).toBe('alice');
  });

  it('turns an answer with a renamed field into an error naming the field, never into "ok"', () => {
    const { ackedBy, ...rest } = alert;
    const renamed = { alerts: [{ ...rest, acknowledgedBy: ackedBy }] };

    const read = () => checkAnswer(AlertsResponse, renamed, '/api/alerts?limit=200');

    expect(read).toThrow(ApiFailure);
    expect(read).toThrow(/answer to \/api\/alerts\?limit=200 does not match this dashboard \(alerts\.0\.ackedBy: /);
  });

  it('does not typecheck code that reads a field the contract does not have, or that the contract renamed', () => {
    // @ts-expect-error — `acknowledged` was one of the dashboard's old guesses; the contract has no such field.
    const guess = (a: Alert) => a.acknowledged;
    type Renamed = Omit<Alert, 'ackedBy'> & { acknowledgedBy: string | null };
    // @ts-expect-error — the views read `ackedBy`: a contract that renames it breaks the dashboard's build.
    const view = (a: Renamed) => ackState(a);

    expect([guess, view]).toHaveLength(2);
  });
});
