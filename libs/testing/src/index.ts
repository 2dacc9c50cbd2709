export { startSlackStandIn } from './slack-stand-in';
export type { SlackAnswer, SlackPost } from './slack-stand-in';
export { startSmtpStandIn } from './smtp-stand-in';
export { freePort, getJson, eventually } from './http';
export { tcpProxy } from './tcp-proxy';
export type { ReceivedMail } from './smtp-stand-in';
export { startFakeCloudWatch } from './fake-cloudwatch.server';
export { startFakeMonitoring } from './fake-monitoring.server';
export type { FakeCloudWatch, FakeMetric, FakeDatapoint, FakeFailure } from './fake-cloudwatch.server';
export type { FakeMonitoring, FakeInstance, FakePoint, FakeMonitoringFailure } from './fake-monitoring.server';
export { startFakeAutoScaling } from './fake-autoscaling.server';
export type {
  FakeAutoScaling,
  FakeGroup,
  FakeAutoScalingFailure,
  RecordedAutoScalingCall,
} from './fake-autoscaling.server';
export { startFakeCompute } from './fake-compute.server';
export type { FakeCompute, FakeMig, RecordedComputeCall } from './fake-compute.server';
export { startTestServer } from './http-test.server';
export type { TestRequest, TestResponse, TestServer } from './http-test.server';
export { launchChromium, TEST_RESULTS } from './browser';
export { ensurePrometheusInstalled, startAlertmanager, startNodeExporter, startPrometheus } from './prometheus-stack';
export type { ScrapeJob, TestPrometheus, ToolProcess } from './prometheus-stack';
export { startHttpReceiver, startPagerDutyStandIn } from './http-receiver.stand-in';
export type { ReceivedRequest, ReceiverOptions, ScriptedAnswer } from './http-receiver.stand-in';
export { captureLogger } from './capture.logger';
export type { LogLine } from './capture.logger';
