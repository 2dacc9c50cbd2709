import { z } from 'zod';
import { TypedAuthor } from './typed-author.schema';
import { AlertSilence, MetricName } from '@autoscale/contracts';
import { IsoTime } from './iso-time.schema';

export const SilenceState = z.enum(['pending', 'active', 'expired']);
export type SilenceState = z.infer<typeof SilenceState>;

export const Silence = AlertSilence.extend({ state: SilenceState }).meta({ id: 'Silence' });
export type Silence = z.infer<typeof Silence>;

/** `GET /api/silences`. */
export const SilencesResponse = z.object({ silences: z.array(Silence) }).meta({ id: 'Silences' });

/** The answer of `POST /api/silences`. */
export const SilenceCreated = z.object({ silence: Silence }).meta({ id: 'SilenceCreated' });
export type SilenceCreated = z.infer<typeof SilenceCreated>;

/** The body of `POST /api/silences`: a resource id or glob, a metric or `*`, and a time range. */
export const SilenceBody = z
  .object({
    resource: z.string().min(1).max(300).meta({ description: 'A resource id or a glob (`web-*`)' }),
    metric: z.union([MetricName, z.literal('*')]).default('*'),
    startsAt: IsoTime.optional().meta({ description: 'Default: now' }),
    endsAt: IsoTime.optional().meta({ description: 'Give either endsAt or durationMin' }),
    durationMin: z.number().positive().optional(),
    comment: z.string().max(1000).default(''),
    createdBy: TypedAuthor,
  })
  .refine((b) => (b.endsAt === undefined) !== (b.durationMin === undefined), {
    message: 'or durationMin must be given (one of them, not both)',
    path: ['endsAt'],
  });
export type SilenceBody = z.input<typeof SilenceBody>;
