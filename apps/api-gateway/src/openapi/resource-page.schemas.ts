import { z } from '@hono/zod-openapi';
import { MetricName, ResourceId } from '@autoscale/contracts';
import { IsoTime } from './time.schema';

export const ResourceStatus = z.enum(['breached', 'forecast_breach', 'warming_up', 'ok']).openapi('ResourceStatus');

/** `key=value` pairs, comma-separated: `team=web,env=prod`. */
const LabelFilter = z
  .string()
  .max(1_000)
  .transform((text, ctx) => {
    const labels: Record<string, string> = {};
    for (const pair of text.split(',')) {
      const at = pair.indexOf('=');
      if (at <= 0) {
        ctx.addIssue({ code: 'custom', message: `"${pair.slice(0, 40)}" is not key=value` });
        return z.NEVER;
      }
      labels[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    return labels;
  })
  .openapi({ type: 'string', description: 'Labels of the newest sample, every one required: `team=web,env=prod`' });

const StatusFilter = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const statuses = text.split(',').map((s) => ResourceStatus.safeParse(s.trim()));
    if (statuses.every((s) => s.success)) return statuses.map((s) => s.data!);
    ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of ${ResourceStatus.options.join(', ')}` });
    return z.NEVER;
  })
  .openapi({ type: 'string', description: 'Comma-separated statuses: `breached,forecast_breach`' });

export const ResourcePageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ description: 'Rows per page (default 50)' }),
  cursor: z.string().max(2_000).optional().openapi({ description: 'The `next` of the previous page' }),
  sort: z.enum(['worst', 'id']).default('worst').openapi({ description: '`worst` (default): breached, forecast breach soonest first, warming up, ok; `id`: by resource id' }),
  id: z.string().min(1).max(512).optional().openapi({ description: 'A glob on the resource id: `web-*`, `db-?`' }),
  provider: z.string().min(1).max(64).optional(),
  label: LabelFilter.optional(),
  status: StatusFilter.optional(),
});

const ForecastBrief = z
  .object({
    metric: MetricName,
    generatedAt: IsoTime,
    model: z.string(),
    threshold: z.number(),
    current: z.number(),
    breachAt: IsoTime.nullable(),
    interval: z.object({ earliest: IsoTime.nullable(), latest: IsoTime.nullable() }).nullable(),
    samples: z.number().int().nonnegative(),
  })
  .openapi('ForecastBrief');

/** A resource as a page of the resource list shows it: newest values, status, latest forecasts. */
export const ResourceRow = z
  .object({
    resourceId: ResourceId,
    provider: z.string(),
    firstSeen: IsoTime,
    lastSeen: IsoTime,
    cpu: z.number().nullable(),
    mem: z.number().nullable(),
    memoryAvailable: z.boolean(),
    samples: z.number().int().nonnegative(),
    labels: z.record(z.string(), z.string()).nullable(),
    status: ResourceStatus,
    breachAt: IsoTime.nullable().openapi({ description: 'The soonest predicted breach of either metric' }),
    forecasts: z.array(ForecastBrief),
    needed: z.number().int().positive().openapi({ description: 'Samples needed before the first forecast' }),
  })
  .openapi('ResourceRow');

export const ResourcePage = z
  .object({
    total: z.number().int().nonnegative().openapi({ description: 'Every resource the filters match, on all pages' }),
    next: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last' }),
    resources: z.array(ResourceRow),
  })
  .openapi('ResourcePage');
