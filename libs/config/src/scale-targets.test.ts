import { describe, expect, it } from 'vitest';
import { ConfigError } from './load-config';
import { parseScaleTargets } from './scale-targets';

const problemsOf = (text: string) => {
  try {
    parseScaleTargets(text, 'targets.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the targets to be refused');
};

const web = `targets:
  - name: web
    members: "web-*"
    metric: cpu
    targetUtilization: 60
    minCapacity: 2
    maxCapacity: 40
    leadMin: 5
    actuator: {type: keda}
`;

describe('parseScaleTargets', () => {
  it("reads the issue's example, with defaults for what it leaves out", () => {
    expect(parseScaleTargets(web, 't.yaml')).toEqual([
      {
        name: 'web',
        members: 'web-*',
        metric: 'cpu',
        targetUtilization: 60,
        minCapacity: 2,
        maxCapacity: 40,
        leadMin: 5,
        maxStep: 10,
        minBreachProbability: 0.2,
        actuator: { type: 'keda' },
      },
    ]);
  });

  it('reads JSON alike, and every actuator', () => {
    const json = JSON.stringify({
      targets: [
        { name: 'asg', minCapacity: 1, maxCapacity: 9, actuator: { type: 'aws-asg', group: 'web-asg' } },
        {
          name: 'mig',
          minCapacity: 1,
          maxCapacity: 9,
          actuator: { type: 'gcp-mig', project: 'p', region: 'europe-west1', name: 'web-mig' },
        },
        {
          name: 'hook',
          members: 'x-*',
          minCapacity: 0,
          maxCapacity: 3,
          actuator: { type: 'webhook', url: 'https://example.com/scale' },
        },
      ],
    });
    expect(parseScaleTargets(json, 't.json').map((t) => t.actuator.type)).toEqual(['aws-asg', 'gcp-mig', 'webhook']);
  });

  it('names the line of each problem', () => {
    const text = web.replace('minCapacity: 2', 'minCapacity: 50').replace('{type: keda}', '{type: kubernetes}');
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^targets\.yaml:9: targets\.0\.actuator\.type: /)]);
    expect(problemsOf(web.replace('minCapacity: 2', 'minCapacity: 50'))).toEqual([
      'targets.yaml:6: targets.0.minCapacity: must not exceed maxCapacity',
    ]);
  });

  it('refuses an unknown field, a bad name, a keda target without members and a duplicate', () => {
    const text = `${web}  - name: Web.2
    minCapacity: 1
    maxCapacity: 2
    colour: red
    actuator: {type: keda}
  - name: web
    members: "w*"
    minCapacity: 1
    maxCapacity: 2
    actuator: {type: keda}
`;
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^targets\.yaml:10: targets\.1\.name: lower-case/),
      expect.stringMatching(/^targets\.yaml:10: targets\.1: .*colour/),
      expect.stringMatching(/^targets\.yaml:10: targets\.1\.members: required for keda/),
      'targets.yaml:15: targets.2.name: duplicate target name "web"',
    ]);
  });

  it('names the line of a YAML syntax error', () => {
    expect(problemsOf('targets:\n  - name: [web\n')[0]).toMatch(/^targets\.yaml:\d+: /);
  });
});
