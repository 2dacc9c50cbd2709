import { z } from 'zod';
import { ResourceStatus } from './resource-page.schemas';

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
  .meta({ type: 'string', description: 'Labels of the newest sample, every one required: `team=web,env=prod`' });

const StatusFilter = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const statuses: ResourceStatus[] = [];
    for (const part of text.split(',')) {
      const status = ResourceStatus.safeParse(part.trim());
      if (!status.success) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a comma-separated list of ${ResourceStatus.options.join(', ')}`,
        });
        return z.NEVER;
      }
      statuses.push(status.data);
    }
    return statuses;
  })
  .meta({ type: 'string', description: 'Comma-separated statuses: `breached,forecast_breach`' });

/** The query of `GET /api/resources`, as the gateway reads it from the URL. */
export const ResourcePageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).meta({ description: 'Rows per page (default 50)' }),
  cursor: z.string().max(2_000).optional().meta({ description: 'The `next` of the previous page' }),
  sort: z.enum(['worst', 'id']).default('worst').meta({
    description: '`worst` (default): breached, forecast breach soonest first, warming up, ok; `id`: by resource id',
  }),
  id: z.string().min(1).max(512).optional().meta({ description: 'A glob on the resource id: `web-*`, `db-?`' }),
  provider: z.string().min(1).max(64).optional(),
  label: LabelFilter.optional(),
  status: StatusFilter.optional(),
});
/** The query once read: defaults filled in, labels and statuses split. */
export type ResourcePageQuery = z.infer<typeof ResourcePageQuery>;
/** What a caller may ask for; every field left out takes the gateway's default. */
export type ResourcePageAsk = Partial<ResourcePageQuery>;
