import { describe, expect, it } from 'vitest';
import { ResourcePageQuery } from './resource-page-query';
import { resourcePageSearch } from './resource-page-search';

const read = (search: string) => ResourcePageQuery.safeParse(Object.fromEntries(new URLSearchParams(search)));

describe('resourcePageSearch', () => {
  it('writes a query the gateway reads back as the same values', () => {
    const ask = {
      limit: 20,
      cursor: 'abc',
      sort: 'id',
      id: 'web-*',
      provider: 'aws',
      label: { team: 'web', env: 'prod' },
      status: ['breached', 'ok'],
    } as const;

    expect(read(resourcePageSearch({ ...ask, status: [...ask.status] })).data).toEqual({
      ...ask,
      status: ['breached', 'ok'],
    });
  });

  it('leaves out what was not asked, so the gateway applies its defaults: 50 rows, worst first', () => {
    expect(resourcePageSearch({})).toBe('');
    expect(read('').data).toEqual({ limit: 50, sort: 'worst' });
  });
});

describe('ResourcePageQuery', () => {
  it('refuses an unknown status and a label without a value, naming the parameter', () => {
    expect(read('status=broken').error?.issues[0]?.path).toEqual(['status']);
    expect(read('label=team').error?.issues[0]?.path).toEqual(['label']);
    expect(read('limit=501').success).toBe(false);
  });
});
