import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The pages a user reads: README.md, CHANGELOG.md and every page under docs/. */
export function documentationPages(): string[] {
  const docs = readdirSync(join(projectRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(projectRoot, 'docs', name));
  return [join(projectRoot, 'README.md'), join(projectRoot, 'CHANGELOG.md'), ...docs];
}

export interface CodeBlock {
  /** Where the block opens, as `docs/page.md:12`. */
  where: string;
  /** The word after the opening fence; '' when there is none. */
  language: string;
  text: string;
  /** The block right after this one when only blank lines separate them: its answer, if it is JSON. */
  next?: CodeBlock;
}

/** Every fenced code block of a Markdown page, indented ones (inside list items) included. */
export function codeBlocks(path: string): CodeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const name = relative(projectRoot, path);
  const blocks: CodeBlock[] = [];
  let previous: { block: CodeBlock; closedAt: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const opening = /^(\s*)```(\S*)\s*$/.exec(lines[index]!);
    if (!opening) continue;
    const indent = opening[1]!.length;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end]!)) body.push(lines[end++]!.slice(indent));
    if (end === lines.length) throw new Error(`${name}:${index + 1}: a code block that is never closed`);
    const block: CodeBlock = { where: `${name}:${index + 1}`, language: opening[2]!, text: body.join('\n') };
    if (previous && lines.slice(previous.closedAt + 1, index).every((line) => line.trim() === '')) previous.block.next = block;
    blocks.push(block);
    previous = { block, closedAt: end };
    index = end;
  }
  return blocks;
}

/**
 * The commands of a shell block: continuation lines joined, comments dropped (a `#` outside
 * quotes that starts a word), and `a && b` split into its commands.
 */
export function shellCommands(script: string): string[] {
  const joined = script.replace(/\\\n\s*/g, '');
  return joined
    .split('\n')
    .map(withoutComment)
    .flatMap((line) => line.split(' && '))
    .map((command) => command.trim())
    .filter((command) => command !== '');
}

function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    if (quote) {
      if (character === quote) quote = undefined;
    } else if (character === "'" || character === '"') {
      quote = character;
    } else if (character === '#' && (index === 0 || /\s/.test(line[index - 1]!))) {
      return line.slice(0, index);
    }
  }
  return line;
}
