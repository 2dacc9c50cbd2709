/** One Dockerfile instruction: keyword upper-cased, arguments as written (continuations joined). */
export type Instruction = { keyword: string; args: string; line: number };

/** A build stage: `FROM <image> AS <name>` and the instructions under it. */
export type Stage = { name: string; from: string; instructions: Instruction[] };

/**
 * Parses a Dockerfile into stages, enough to assert its structure offline (no container
 * engine here): comments and blank lines dropped, `\` continuations joined (comment lines
 * inside a continuation skipped, as BuildKit does).
 *
 * @example
 * const stages = parseDockerfile(readFileSync('Dockerfile', 'utf8'));
 */
export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending: Instruction | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && !pending)) return;
    const continues = line.endsWith('\\');
    const body = continues ? line.slice(0, -1).trim() : line;
    if (pending) pending.args = `${pending.args} ${body}`.trim();
    else {
      const [keyword = '', ...rest] = body.split(/\s+/);
      pending = { keyword: keyword.toUpperCase(), args: rest.join(' '), line: index + 1 };
    }
    if (!continues) {
      instructions.push(pending);
      pending = undefined;
    }
  });

  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      stages.push({ from: match?.[1] ?? '', name: match?.[2] ?? String(stages.length), instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** The JSON array of an exec-form instruction (`["node", "x"]`), or undefined for shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : undefined;
}
