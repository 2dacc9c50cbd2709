import { parseBacktestArgs, USAGE } from './args';
import { runBacktest } from './run';

try {
  const lines = await runBacktest(parseBacktestArgs(process.argv.slice(2)));
  for (const line of lines) process.stdout.write(`${line}\n`);
} catch (err) {
  process.stderr.write(`backtest: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
  process.exitCode = 1;
}
