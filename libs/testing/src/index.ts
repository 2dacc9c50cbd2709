export { startSlackStandIn } from './slack-stand-in';
export { startSmtpStandIn } from './smtp-stand-in';
export { freePort, getJson, eventually } from './http';
export { tcpProxy } from './tcp-proxy';
export type { ReceivedMail } from './smtp-stand-in';
