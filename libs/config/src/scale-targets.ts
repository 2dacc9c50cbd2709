import { z } from 'zod';
import { ScaleTargetName } from '@autoscale/contracts';
import { orExit, parseYamlFile, readConfigFile } from './yaml-file';

const Keda = z.object({ type: z.literal('keda') }).strict();
const AwsAsg = z
  .object({ type: z.literal('aws-asg'), group: z.string().min(1).max(255), region: z.string().min(1).optional() })
  .strict();
const GcpMig = z
  .object({
    type: z.literal('gcp-mig'),
    project: z.string().min(1),
    zone: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    name: z.string().min(1),
  })
  .strict()
  .refine((a) => (a.zone === undefined) !== (a.region === undefined), {
    message: 'give either zone or region (one of them)',
    path: ['zone'],
  });
const Webhook = z.object({ type: z.literal('webhook'), url: z.url() }).strict();

export const Actuator = z.discriminatedUnion('type', [Keda, AwsAsg, GcpMig, Webhook]);
export type Actuator = z.infer<typeof Actuator>;
export type ActuatorType = Actuator['type'];

const Target = z
  .object({
    name: ScaleTargetName,
    /** A resource id glob (`web-*`); absent for aws-asg and gcp-mig, whose members are read from the group. */
    members: z.string().min(1).max(300).optional(),
    metric: z.enum(['cpu', 'mem']).default('cpu'),
    targetUtilization: z.number().gt(0).lte(100).default(60),
    minCapacity: z.number().int().min(0),
    maxCapacity: z.number().int().min(1).max(10_000),
    leadMin: z.number().positive().max(120).default(5),
    /** Members added (or removed) by one decision at most. */
    maxStep: z.number().int().min(1).default(10),
    /** Breach probability from which a member's upper 80 % bound is read instead of its central forecast. */
    minBreachProbability: z.number().min(0).max(1).default(0.2),
    /** Minutes below target before the scaler scales in itself; absent: scale-in is left to the reactive autoscaler. */
    scaleInAfterMin: z.number().positive().optional(),
    actuator: Actuator,
  })
  .strict()
  .refine((t) => t.minCapacity <= t.maxCapacity, { message: 'must not exceed maxCapacity', path: ['minCapacity'] })
  .refine((t) => t.members !== undefined || t.actuator.type === 'aws-asg' || t.actuator.type === 'gcp-mig', {
    message: 'required for keda and webhook targets (aws-asg and gcp-mig read their members from the group)',
    path: ['members'],
  });

export const ScaleTargetsFile = z
  .object({ targets: z.array(Target).max(500) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.targets.forEach((t, i) => {
      if (seen.has(t.name))
        ctx.addIssue({ code: 'custom', message: `duplicate target name "${t.name}"`, path: ['targets', i, 'name'] });
      seen.add(t.name);
    });
  });
export type ScaleTarget = z.infer<typeof Target>;

/**
 * Parses a scale targets file's text (YAML or JSON); every problem names its line:
 * `targets.yaml:9: targets.0.minCapacity: must not exceed maxCapacity`.
 *
 * @example
 * parseScaleTargets('targets:\n  - {name: web, members: "web-*", minCapacity: 2, maxCapacity: 40, actuator: {type: keda}}\n', 't.yaml');
 */
export const parseScaleTargets = (text: string, source: string): ScaleTarget[] =>
  parseYamlFile(ScaleTargetsFile, text, source).targets;

/**
 * Reads and validates `SCALE_TARGETS_FILE`; no file, no targets.
 *
 * @example
 * const targets = loadScaleTargets(config.SCALE_TARGETS_FILE);
 */
export function loadScaleTargets(path: string | undefined): ScaleTarget[] {
  if (!path) return [];
  return parseScaleTargets(readConfigFile('SCALE_TARGETS_FILE', path), path);
}

/**
 * {@link loadScaleTargets} for a service's `main.ts`: prints every problem (with its line) and exits 1.
 *
 * @example
 * const targets = loadScaleTargetsOrExit('scaler', config.SCALE_TARGETS_FILE);
 */
export const loadScaleTargetsOrExit = (service: string, path: string | undefined): ScaleTarget[] =>
  orExit(service, 'scale targets', () => loadScaleTargets(path));
