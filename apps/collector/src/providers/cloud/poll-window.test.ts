import { describe, expect, it } from 'vitest';
import { historyWindow, periodSecondsFor, pollWindow } from './poll-window';

describe('poll window', () => {
  it('matches the period to the poll interval, in whole minutes of at least one', () => {
    expect(periodSecondsFor(5 * 60_000)).toBe(300);
    expect(periodSecondsFor(90_000)).toBe(120);
    expect(periodSecondsFor(1_000)).toBe(60);
  });

  it('looks back at least 15 minutes from the last period boundary', () => {
    expect(pollWindow(new Date('2024-05-01T10:07:30Z'), 60_000)).toEqual({
      start: new Date('2024-05-01T09:52:00Z'),
      end: new Date('2024-05-01T10:07:00Z'),
    });
    expect(pollWindow(new Date('2024-05-01T10:07:30Z'), 3_600_000)).toEqual({
      start: new Date('2024-05-01T07:00:00Z'),
      end: new Date('2024-05-01T10:00:00Z'),
    });
  });

  it('shrinks a history range to period boundaries', () => {
    expect(historyWindow(new Date('2024-05-01T04:07:00Z'), new Date('2024-05-01T10:07:00Z'), 300_000)).toEqual({
      start: new Date('2024-05-01T04:10:00Z'),
      end: new Date('2024-05-01T10:05:00Z'),
    });
  });
});
