import { STATUS_LABEL } from '../api/forecast-summary';
import type { ResourceStatus } from '../api/forecast-summary';
import { h } from '../dom';

/** A status in words and colour (the word carries the meaning; colour only repeats it). */
export const statusBadge = (status: ResourceStatus, extra?: string) =>
  h(
    'span',
    { class: `badge badge-${status.replace('_', '-')}`, 'data-status': status },
    STATUS_LABEL[status],
    extra ? ` · ${extra}` : null,
  );
