// The zod-free entry of the contract: early.ts builds this path before zod has loaded.
import { resourcePageSearch } from '@autoscale/http-contract/search';
import type { ResourcePageAsk } from '@autoscale/http-contract';

/** The path of a page of `GET /api/resources` (early.ts's read and the client build it alike). */
export const resourcePagePath = (ask: ResourcePageAsk) => `/api/resources?${resourcePageSearch(ask)}`;
