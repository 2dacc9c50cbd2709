import { describe, expect, it } from 'vitest';
import { parseRoute } from './routes';

describe('parseRoute', () => {
  it('reads each hash route, with the resource id or scale target decoded', () => {
    expect(parseRoute('')).toEqual({ view: 'overview' });
    expect(parseRoute('#/')).toEqual({ view: 'overview' });
    expect(parseRoute('#/resource/web%201')).toEqual({ view: 'resource', name: 'web 1' });
    expect(parseRoute('#/scaling')).toEqual({ view: 'scaling' });
    expect(parseRoute('#/scaling/asg%3Aweb')).toEqual({ view: 'scale-target', name: 'asg:web' });
    expect(parseRoute('#/alerts')).toEqual({ view: 'alerts' });
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' });
  });

  it('shows the overview for a hash it does not know', () => {
    expect(parseRoute('#/no-such-page')).toEqual({ view: 'overview' });
  });
});
