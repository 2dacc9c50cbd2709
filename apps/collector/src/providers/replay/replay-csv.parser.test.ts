import { describe, expect, it } from 'vitest';
import { parseReplayCsv, parseTimestamp } from './replay-csv.parser';

const T = (iso: string) => Date.parse(iso);

describe('parseReplayCsv', () => {
  it('reads the NAB shape `timestamp,value` as CPU, timestamps without offset as UTC', () => {
    const { rows, problems } = parseReplayCsv(
      'timestamp,value\n2014-05-14 01:14:00,85.835\n2014-05-14 01:19:00,88.167\n',
    );

    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { t: T('2014-05-14T01:14:00Z'), cpu: 85.835 },
      { t: T('2014-05-14T01:19:00Z'), cpu: 88.167 },
    ]);
  });

  it('reads `timestamp,cpu,mem` with or without a header, an empty value being a metric not recorded', () => {
    const withHeader = parseReplayCsv(
      'timestamp,mem,cpu\r\n2024-01-01T00:00:00Z,40,10\r\n2024-01-01T00:05:00Z,,12\r\n',
    );
    const without = parseReplayCsv('2024-01-01T00:00:00Z,10,40\n2024-01-01T00:05:00Z,12,\n');

    expect(withHeader.rows).toEqual([
      { t: T('2024-01-01T00:00:00Z'), cpu: 10, mem: 40 },
      { t: T('2024-01-01T00:05:00Z'), cpu: 12 },
    ]);
    expect(without.rows).toEqual([
      { t: T('2024-01-01T00:00:00Z'), cpu: 10, mem: 40 },
      { t: T('2024-01-01T00:05:00Z'), cpu: 12 },
    ]);
  });

  it('skips malformed lines and says which and why, keeping the rest', () => {
    const { rows, problems } = parseReplayCsv(
      [
        'timestamp,value',
        '2014-05-14 01:14:00,85.8',
        'yesterday,50',
        '2014-05-14 01:24:00,abc',
        '2014-05-14 01:29:00,140',
        '2014-05-14 01:34:00',
        '2014-05-14 01:39:00,44.5',
      ].join('\n'),
    );

    expect(rows.map((r) => r.cpu)).toEqual([85.8, 44.5]);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(problems[0]?.reason).toContain('timestamp');
  });

  it('sorts rows recorded out of order', () => {
    const { rows } = parseReplayCsv('2024-01-01T00:05:00Z,2\n2024-01-01T00:00:00Z,1\n');
    expect(rows.map((r) => r.cpu)).toEqual([1, 2]);
  });

  it('refuses a header that names no metric column', () => {
    const { rows, problems } = parseReplayCsv('time,load\n2024-01-01T00:00:00Z,2\n');
    expect(rows).toEqual([]);
    expect(problems[0]?.reason).toContain('names no cpu/value or mem column');
  });
});

describe('parseTimestamp', () => {
  it('understands ISO with offsets, epoch seconds and epoch milliseconds', () => {
    expect(parseTimestamp('2024-01-01T02:00:00+02:00')).toBe(T('2024-01-01T00:00:00Z'));
    expect(parseTimestamp('1704067200')).toBe(T('2024-01-01T00:00:00Z'));
    expect(parseTimestamp('1704067200000')).toBe(T('2024-01-01T00:00:00Z'));
    expect(parseTimestamp('01/01/2024')).toBeUndefined();
  });
});
