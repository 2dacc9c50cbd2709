// A process that installs onShutdown and then waits; the shutdown test signals it.
import { createLogger } from '../logger';
import { onShutdown } from '../shutdown';

const stopMs = Number(process.argv[2] ?? '0');
const log = createLogger('fixture', 'info');
onShutdown(log, () => new Promise((resolve) => setTimeout(resolve, stopMs)), 500);
setInterval(() => undefined, 1000);
log.info('ready');
