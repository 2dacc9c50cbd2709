import { describe, expect, it } from 'vitest';
import { createCounters } from './counters';

describe('createCounters', () => {
  it('counts by name and reports every counter in a snapshot', () => {
    const counters = createCounters();
    counters.inc('handled');
    counters.inc('handled');
    counters.inc('terminated', 3);
    expect(counters.get('handled')).toBe(2);
    expect(counters.get('never')).toBe(0);
    expect(counters.snapshot()).toEqual({ handled: 2, terminated: 3 });
  });

  it('gives a snapshot that later counts do not change', () => {
    const counters = createCounters();
    counters.inc('polls');
    const snapshot = counters.snapshot();
    counters.inc('polls');
    expect(snapshot).toEqual({ polls: 1 });
  });
});
