import { describe, expect, it } from 'vitest';
import { effectiveRule, parseAlertRules } from './alert-rules';
import { ConfigError } from './load-config';

const defaults = { thresholds: { cpu: 90, mem: 85 }, lookaheadMin: 60, renotifyMin: 240 };

const problemsOf = (text: string) => {
  try {
    parseAlertRules(text, 'rules.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the rules to be refused');
};

describe('parseAlertRules', () => {
  it('reads YAML and JSON alike', () => {
    const yaml = 'rules:\n  - resource: "db-*"\n    metric: cpu\n    threshold: 80\n    channels: [email]\n';
    const json = JSON.stringify({ rules: [{ resource: 'db-*', metric: 'cpu', threshold: 80, channels: ['email'] }] });
    expect(parseAlertRules(yaml, 'r.yaml')).toEqual(parseAlertRules(json, 'r.json'));
    expect(parseAlertRules(yaml, 'r.yaml')).toEqual([
      { resource: 'db-*', metric: 'cpu', threshold: 80, channels: ['email'] },
    ]);
  });

  it('names the line of a bad value', () => {
    const problems = problemsOf(
      'rules:\n  - resource: web-*\n    threshold: 90\n  - resource: db-*\n    threshold: 200\n',
    );
    expect(problems).toEqual([expect.stringMatching(/^rules\.yaml:5: rules\.1\.threshold: /)]);
  });

  it('names the line of an unknown field and of an unknown channel', () => {
    const problems = problemsOf('rules:\n  - resource: web-*\n    treshold: 90\n  - channels: [pager]\n');
    expect(problems).toEqual([
      expect.stringMatching(/^rules\.yaml:2: rules\.0: .*treshold/),
      expect.stringMatching(/^rules\.yaml:4: rules\.1\.channels\.0: /),
    ]);
  });

  it('names the line of a YAML syntax error', () => {
    expect(problemsOf('rules:\n  - resource: [web\n')[0]).toMatch(/^rules\.yaml:\d+: /);
  });
});

describe('effectiveRule', () => {
  const rules = parseAlertRules(
    'rules:\n  - resource: db-*\n    metric: cpu\n    threshold: 80\n  - resource: db-*\n    renotifyMin: 30\n    channels: [slack]\n',
    'rules.yaml',
  );

  it('takes each field from the first matching rule that sets it, the rest from the defaults', () => {
    expect(effectiveRule(rules, defaults, 'db-1', 'cpu')).toEqual({
      threshold: 80,
      lookaheadMin: 60,
      renotifyMin: 30,
      channels: ['slack'],
    });
    expect(effectiveRule(rules, defaults, 'db-1', 'mem')).toEqual({
      threshold: 85,
      lookaheadMin: 60,
      renotifyMin: 30,
      channels: ['slack'],
    });
  });

  it("matches a rule's label globs against the resource's labels, all of them, a missing label never matching", () => {
    const byLabel = parseAlertRules(
      'rules:\n  - labels: { env: prod, job: "node*" }\n    threshold: 75\n    channels: [pagerduty]\n',
      'rules.yaml',
    );
    expect(
      effectiveRule(byLabel, defaults, '10.0.3.7:9100', 'cpu', { env: 'prod', job: 'node-exporter' }),
    ).toMatchObject({ threshold: 75, channels: ['pagerduty'] });
    expect(effectiveRule(byLabel, defaults, '10.0.3.7:9100', 'cpu', { env: 'staging', job: 'node' })).toMatchObject({
      threshold: 90,
      channels: null,
    });
    expect(effectiveRule(byLabel, defaults, '10.0.3.7:9100', 'cpu', { env: 'prod' })).toMatchObject({ threshold: 90 });
    expect(effectiveRule(byLabel, defaults, '10.0.3.7:9100', 'cpu')).toMatchObject({ threshold: 90 });
  });

  it('gives the defaults to a series no rule matches', () => {
    expect(effectiveRule(rules, defaults, 'web-1', 'cpu')).toEqual({
      threshold: 90,
      lookaheadMin: 60,
      renotifyMin: 240,
      channels: null,
    });
  });
});
