import { z } from '@hono/zod-openapi';
import { AlertFired } from '@autoscale/contracts';

// The schemas the dashboard reads live in @autoscale/http-contract, shared with its client.
export { AlertStatusSchema, Alert, AlertsResponse, AckBody, AckResponse } from '@autoscale/http-contract';

export const TestAlertResponse = z.object({ alert: AlertFired.meta({ id: 'AlertFired' }) }).openapi('TestAlert');
