import type { ResourcePageAsk } from '@autoscale/http-contract';

/** Rows the overview asks for at a time. */
export const PAGE_SIZE = 50;

/**
 * The overview's first page for a filter: a glob as typed, or any id containing the text.
 *
 * @example
 * overviewAsk('web'); // { limit: 50, id: '*web*' }
 */
export function overviewAsk(filter: string): ResourcePageAsk {
  const text = filter.trim();
  if (text === '') return { limit: PAGE_SIZE };
  return { limit: PAGE_SIZE, id: /[*?]/.test(text) ? text : `*${text}*` };
}
