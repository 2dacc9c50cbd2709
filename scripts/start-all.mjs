// Runs the four built services in this terminal (what `npm start` does). Reads `.env` when
// present; Ctrl-C stops them all gracefully; if one exits on its own, the others are
// stopped too, so a broken service is never left unnoticed behind three healthy ones.
// `--demo` (what `npm run demo` does) polls every 2 s and has every simulated machine ramp
// into saturation every 96 s, staggered: a predicted breach and an alert show within a minute.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const SERVICES = ['api-gateway', 'collector', 'forecaster', 'alerter'];
const DEMO = process.argv.includes('--demo');

if (existsSync('.env')) process.loadEnvFile('.env');
if (DEMO) {
  Object.assign(process.env, { METRICS_PROVIDER: 'local', POLL_INTERVAL_SECONDS: '2', SIM_RAMP_ALL: 'true' });
  if (!Number(process.env.SIM_RESOURCES)) process.env.SIM_RESOURCES = '4';
  const port = process.env.PORT || '8000';
  console.log(
    `Demo: polling every 2 s; each simulated machine ramps into saturation every 96 s, one after the other.\n` +
      `Open http://localhost:${port}/ : a predicted breach and an alert show within a minute. Ctrl-C stops.`,
  );
}

const children = SERVICES.map((name) => {
  const child = spawn(process.execPath, ['--enable-source-maps', `apps/${name}/dist/main.js`], {
    stdio: 'inherit',
    env: process.env,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? `code ${code}`}); stopping the others`);
      stopAll(code ?? 1);
    }
  });
  return child;
});

let stopping = false;
let exitCode = 0;
function stopAll(code) {
  stopping = true;
  exitCode = code;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

await Promise.all(
  children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)))),
);
process.exit(exitCode);
