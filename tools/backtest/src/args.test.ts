import { describe, expect, it } from 'vitest';
import { DEFAULT_CSV, parseBacktestArgs } from './args';

describe('backtest arguments', () => {
  it('takes comma-separated threshold and lookahead lists, repeated options too', () => {
    const args = parseBacktestArgs([
      '--summary',
      '--threshold',
      '80,90',
      '--threshold',
      '95',
      '--lookahead',
      '30,60,120',
    ]);
    expect(args.thresholds).toEqual([80, 90, 95]);
    expect(args.lookaheadsMin).toEqual([30, 60, 120]);
  });

  it('defaults to threshold 90, lookahead 60 and the development data', () => {
    const args = parseBacktestArgs(['--summary']);
    expect(args.thresholds).toEqual([90]);
    expect(args.lookaheadsMin).toEqual([60]);
    expect(args.csv).toEqual(DEFAULT_CSV);
  });

  it('keeps every --csv as its own data set, in order', () => {
    expect(parseBacktestArgs(['--csv', 'data/nab', '--csv', 'data/planetlab']).csv).toEqual([
      'data/nab',
      'data/planetlab',
    ]);
  });

  it('refuses an empty, negative or non-numeric list entry, naming the option', () => {
    expect(() => parseBacktestArgs(['--threshold', '80,,95'])).toThrow(/--threshold/);
    expect(() => parseBacktestArgs(['--lookahead', '60,-5'])).toThrow(/--lookahead/);
    expect(() => parseBacktestArgs(['--threshold', 'high'])).toThrow(/--threshold/);
    expect(() => parseBacktestArgs(['--threshold', '120'])).toThrow(/up to 100/);
  });

  it('refuses an unknown suite', () => {
    expect(() => parseBacktestArgs(['--suite', 'disk'])).toThrow(/--suite/);
  });

  it('reads --scale with its lead times, 5 and 10 minutes by default', () => {
    expect(parseBacktestArgs(['--scale'])).toMatchObject({ scale: true, leadsMin: [5, 10], json: false });
    expect(parseBacktestArgs(['--scale', '--lead', '3', '--json'])).toMatchObject({
      scale: true,
      leadsMin: [3],
      json: true,
    });
    expect(() => parseBacktestArgs(['--scale', '--lead', '0'])).toThrow(/--lead/);
  });
});
