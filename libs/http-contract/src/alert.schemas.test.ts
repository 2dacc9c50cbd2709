import { describe, expect, it } from 'vitest';
import { AlertsResponse } from './alert.schemas';
import { anAlert } from './testing/index';

const alert = anAlert();

describe('AlertsResponse', () => {
  it('reads an alert with the ack of its episode', () => {
    expect(AlertsResponse.parse({ alerts: [alert] }).alerts[0]).toMatchObject({ ackedBy: 'alice', comment: 'on it' });
  });

  it('reads an alert nobody acknowledged: the three ack fields are null, not absent', () => {
    const plain = { ...alert, ackedBy: null, ackedAt: null, comment: null };
    expect(AlertsResponse.parse({ alerts: [plain] }).alerts[0]?.ackedBy).toBeNull();
  });

  it('refuses an answer whose ack field was renamed, naming the missing field', () => {
    const { ackedBy, ...rest } = alert;
    const result = AlertsResponse.safeParse({ alerts: [{ ...rest, acknowledgedBy: ackedBy }] });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('alerts.0.ackedBy');
  });
});
