import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
export const headingAnchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_~]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors of a markdown file's headings (outside code fences), with GitHub's `-1` for repeats. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const anchor = headingAnchor(heading[1]!);
    const count = seen.get(anchor) ?? 0;
    anchors.add(count === 0 ? anchor : `${anchor}-${count}`);
    seen.set(anchor, count + 1);
  }
  return anchors;
}

/** Every `[text](target)` link and `![alt](target)` image outside code, with its line. */
export function linksOf(markdown: string): Array<{ target: string; line: number }> {
  const links: Array<{ target: string; line: number }> = [];
  let fenced = false;
  for (const [i, line] of markdown.split('\n').entries()) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const prose = line.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g))
      links.push({ target: match[1]!, line: i + 1 });
  }
  return links;
}

/**
 * The relative links of a markdown file that do not resolve: a missing file, or an `#anchor`
 * that is no heading of its target. Absolute URLs (`https:`, `mailto:`) are not checked.
 *
 * @example
 * brokenLinks('/repo', 'README.md'); // ['README.md:12 docs/nope.md: no such file']
 */
export function brokenLinks(root: string, file: string): string[] {
  const markdown = readFileSync(join(root, file), 'utf8');
  const broken: string[] = [];
  for (const { target, line } of linksOf(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path = '', anchor] = target.split('#');
    const resolved = path === '' ? join(root, file) : join(root, dirname(file), decodeURIComponent(path));
    const where = `${file}:${line} ${target}`;
    if (!resolved.startsWith(root) || !existsSync(resolved)) {
      broken.push(`${where}: no such file`);
      continue;
    }
    if (anchor === undefined || statSync(resolved).isDirectory()) continue;
    if (!resolved.endsWith('.md') || !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) {
      broken.push(`${where}: no heading #${anchor} in ${relative(root, resolved)}`);
    }
  }
  return broken;
}
