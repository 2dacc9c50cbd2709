export { startSlackStandIn } from './slack-stand-in';
export { startSmtpStandIn } from './smtp-stand-in';
export { startService, stopService } from './services';
export { freePort, getJson, eventually } from './http';
export type { RunningService } from './services';
export type { ReceivedMail } from './smtp-stand-in';
