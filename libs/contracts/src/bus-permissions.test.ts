import { describe, expect, it } from 'vitest';
import { busNames } from './bus-names';
import { BUS_USERS, busPermissions } from './bus-permissions';

const names = busNames('', 8);
const grants = busPermissions(names);
const eventSubjects = (subjects: string[]) =>
  subjects.filter((s) => !s.startsWith('$') && !s.startsWith('_INBOX') && !s.startsWith('deadletter.'));

describe('busPermissions', () => {
  it('lets each service publish only the events it produces', () => {
    expect(eventSubjects(grants.collector.publish)).toEqual(['metric.sampled.>']);
    expect(eventSubjects(grants.forecaster.publish)).toEqual(['forecast.updated.>']);
    expect(eventSubjects(grants.alerter.publish).sort()).toEqual([
      'alert.deliver.>',
      'alert.delivery.>',
      'alert.fired.>',
    ]);
    expect(eventSubjects(grants['api-gateway'].publish).sort()).toEqual(['alert.test', 'audit.>']);
  });

  it('gives no service the right to delete or purge a stream or a message', () => {
    for (const user of BUS_USERS) {
      expect(
        grants[user].publish.filter((s) => /STREAM\.(DELETE|PURGE)|MSG\.DELETE|^\$JS\.API\.>$|^>$/.test(s)),
        user,
      ).toEqual([]);
    }
  });

  it('lets each service read only its own inbox', () => {
    for (const user of BUS_USERS)
      expect(
        grants[user].subscribe.filter((s) => s.startsWith('_INBOX')),
        user,
      ).toEqual([`_INBOX_${user}.>`]);
  });

  it('lets only the alerter answer test alerts, and prefixes every subject with the namespace', () => {
    expect(BUS_USERS.filter((u) => grants[u].subscribe.includes('alert.test'))).toEqual(['alerter']);
    expect(busPermissions(busNames('t1', 2)).collector.publish).toContain('t1.metric.sampled.>');
  });
});
