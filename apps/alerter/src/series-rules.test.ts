import { describe, expect, it } from 'vitest';
import { parseAlertRules } from '@autoscale/config';
import { AlerterEnv } from './config';
import { seriesRules } from './series-rules';

const config = AlerterEnv.parse({ ALERT_LOOKAHEAD_MIN: '60', ALERT_RENOTIFY_MIN: '240' });
const rules = parseAlertRules(
  'rules:\n  - resource: "db-*"\n    lookaheadMin: 15\n    channels: [email, slack]\n  - resource: "batch-*"\n    channels: [email]\n',
  'rules.yaml',
);

describe('seriesRules', () => {
  const { paramsFor, channelsFor } = seriesRules(rules, config, ['slack']);

  it('gives a matching series the lookahead of its rule and the rest from the variables', () => {
    expect(paramsFor('db-1', 'cpu')).toMatchObject({ lookaheadMin: 15, renotifyMin: 240 });
    expect(paramsFor('web-1', 'cpu')).toMatchObject({ lookaheadMin: 60, renotifyMin: 240 });
  });

  it('sends only on channels that are both in the rule and configured', () => {
    expect(channelsFor('db-1', 'cpu')).toEqual(['slack']);
    expect(channelsFor('batch-1', 'mem')).toEqual([]);
    expect(channelsFor('web-1', 'cpu')).toEqual(['slack']);
  });
});
