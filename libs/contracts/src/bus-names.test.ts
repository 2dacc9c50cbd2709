import { describe, expect, it } from 'vitest';
import { busNames } from './bus-names';

describe('busNames', () => {
  it('uses the bare production names without a namespace', () => {
    const names = busNames();
    expect(names.streams).toEqual({
      metrics: 'METRICS',
      forecasts: 'FORECASTS',
      alerts: 'ALERTS',
      deadletter: 'DEADLETTER',
      alertDeliveries: 'ALERT_DELIVERIES',
      audit: 'AUDIT',
      scaling: 'SCALING',
      scaleActuations: 'SCALE_ACTUATIONS',
    });
    expect(names.subjects.scaleDecided('web')).toBe('scale.decided.web');
    expect(names.durables.scaler(2)).toBe('scaler-p2');
    expect(names.subjects.metricSampledAll).toBe('metric.sampled.>');
    expect(names.subjects.alertTest).toBe('alert.test');
    expect(names.kv.alertState).toBe('ALERT_STATE');
    expect(names.services.name('collector')).toBe('autoscale-collector');
  });

  it('prefixes every subject with the namespace and every stream with it in upper case', () => {
    const names = busNames('t1a');
    expect(names.streams).toEqual({
      metrics: 'T1A_METRICS',
      forecasts: 'T1A_FORECASTS',
      alerts: 'T1A_ALERTS',
      deadletter: 'T1A_DEADLETTER',
      alertDeliveries: 'T1A_ALERT_DELIVERIES',
      audit: 'T1A_AUDIT',
      scaling: 'T1A_SCALING',
      scaleActuations: 'T1A_SCALE_ACTUATIONS',
    });
    expect(names.subjects.scaleActuationUpdated('done', 'web')).toBe('t1a.scale.actuation.done.web');
    expect(names.kv.scaleControls).toBe('T1A_SCALE_CONTROLS');
    expect(names.kv.alertClaims).toBe('T1A_ALERT_CLAIMS');
    expect(names.subjects.alertDeliver('slack')).toBe('t1a.alert.deliver.slack');
    expect(names.kv.alertState).toBe('T1A_ALERT_STATE');
    expect(names.subjects.metricSampledAll).toBe('t1a.metric.sampled.>');
    expect(names.subjects.forecastUpdatedAll).toBe('t1a.forecast.updated.>');
    expect(names.subjects.alertFiredAll).toBe('t1a.alert.fired.>');
    expect(names.subjects.alertTest).toBe('t1a.alert.test');
    expect(names.services.name('alerter')).toBe('t1a-alerter');
    const p = names.partitionOf('web-1');
    expect(names.subjects.metricSampled('local', 'web-1')).toBe(`t1a.metric.sampled.p${p}.local.web-1`);
    expect(names.subjects.forecastUpdated('web-1', 'cpu')).toBe(`t1a.forecast.updated.p${p}.web-1.cpu`);
    expect(names.subjects.metricSampledPartition(3)).toBe('t1a.metric.sampled.p3.>');
    expect(names.subjects.forecastUpdatedPartition(3)).toBe('t1a.forecast.updated.p3.>');
    expect(names.subjects.deadletter('gateway-metrics')).toBe('t1a.deadletter.gateway-metrics');
    expect(names.streams.deadletter).toBe('T1A_DEADLETTER');
    expect(names.kv.partitionLeases).toBe('T1A_PARTITION_LEASES');
    expect(names.subjects.alertFired('critical', 'web-1')).toBe('t1a.alert.fired.critical.web-1');
  });

  it.each(['Prod', 'a.b', 'a-b', 'a b', '*', '>', 'ü'])('rejects the namespace %j', (namespace) => {
    expect(() => busNames(namespace)).toThrow(/bus namespace must match/);
  });

  it('encodes resource ids so a dotted or wildcard id stays one subject token', () => {
    const names = busNames('', 1);
    expect(names.subjects.metricSampled('aws', 'db.prod*1')).toBe('metric.sampled.p0.aws.db~2Eprod~2A1');
    expect(names.subjects.forecastUpdated('a > b', 'mem')).toBe('forecast.updated.p0.a~20~3E~20b.mem');
    expect(names.subjects.alertFired('warning', 'x.y')).toBe('alert.fired.warning.x~2Ey');
  });

  it('builds per-resource subjects that the stream wildcard subjects cover', () => {
    const names = busNames('ns');
    const tokens = (s: string) => s.split('.');
    const subject = names.subjects.metricSampled('local', 'host.with.dots');
    // ns.metric.sampled.p<N>.<provider>.<resource>: exactly one token per part
    expect(tokens(subject)).toHaveLength(6);
    expect(subject.startsWith(names.subjects.metricSampledAll.replace('>', ''))).toBe(true);
    const partition = names.partitionOf('host.with.dots');
    expect(subject.startsWith(names.subjects.metricSampledPartition(partition).replace('>', ''))).toBe(true);
  });

  it('names one forecaster and one alerter durable per partition', () => {
    const names = busNames('', 4);
    expect(names.durables.forecaster(2)).toBe('forecaster-p2');
    expect(names.durables.alerter(0)).toBe('alerter-p0');
  });

  it.each([0, 257, 1.5, Number.NaN])('rejects %s partitions', (partitions) => {
    expect(() => busNames('', partitions)).toThrow(/partitions must be an integer/);
  });
});
