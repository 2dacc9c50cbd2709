import type { ResourcePageCursor, ResourceSort } from '@autoscale/db';
import { ApiError } from '../api-error';

/**
 * The `next` of a page: where the following page starts, opaque to clients (base64url of
 * the last row's sort key and the sort it belongs to).
 */
export const formatPageCursor = (sort: ResourceSort, c: ResourcePageCursor) =>
  Buffer.from(JSON.stringify([sort, c.rank, c.soonest, c.resourceId])).toString('base64url');

/** Reads a `cursor`; a 400 when it is not one this sort handed out. */
export function parsePageCursor(sort: ResourceSort, text: string): ResourcePageCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length !== 4) throw invalid();
  const [s, rank, soonest, resourceId] = value as unknown[];
  if (s !== sort || !Number.isInteger(rank) || !Number.isFinite(soonest) || typeof resourceId !== 'string')
    throw invalid();
  return { rank: rank as number, soonest: soonest as number, resourceId };
}

const invalid = () => new ApiError(400, 'bad_request', 'cursor must be the `next` of a page of this sort');
