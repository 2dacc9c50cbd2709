export { startSlackStandIn } from './slack-stand-in';
export { startSmtpStandIn } from './smtp-stand-in';
export { freePort, getJson, eventually } from './http';
export { tcpProxy } from './tcp-proxy';
export type { ReceivedMail } from './smtp-stand-in';
export { startFakeCloudWatch } from './fake-cloudwatch.server';
export { startFakeMonitoring } from './fake-monitoring.server';
export type { FakeCloudWatch, FakeMetric, FakeDatapoint, FakeFailure } from './fake-cloudwatch.server';
export type { FakeMonitoring, FakeInstance, FakePoint, FakeMonitoringFailure } from './fake-monitoring.server';
