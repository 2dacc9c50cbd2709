// `npm start` and `npm test` install dependencies first when they are missing, so a fresh
// clone needs nothing but those two commands.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const markers = ['node_modules/.bin/nx', 'node_modules/@autoscale/contracts', 'node_modules/.package-lock.json'];
if (!markers.every((m) => existsSync(m))) {
  console.log('Installing dependencies (npm ci)…');
  execSync(existsSync('package-lock.json') ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund', {
    stdio: 'inherit',
  });
}
