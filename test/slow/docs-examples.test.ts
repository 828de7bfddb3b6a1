import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseEnv, promisify } from 'node:util';
import { Kind, parse, print, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderEmulator } from '../../src/emulator/server.js';
import { postGraphQL } from '../support/harness.js';
import { codeBlocks, documentationPages, projectRoot, shellCommands, type CodeBlock } from '../support/markdown-examples.js';
import { compiledSubgraph, startSubgraphProcess, type SubgraphProcess } from '../support/subgraph-process.js';
import { subscribeOverSse } from '../support/subscription-clients.js';

const run = promisify(execFile);

/** Where the examples send requests: the port `npm start` listens on by default. */
const documentedOrigin = 'http://localhost:4001';

/** Commands this file runs: curl against the sandbox subgraph, and the steps of "Running against real keys". */
const commandsRunHere: RegExp[] = [
  /^curl -s http:\/\/localhost:4001\//,
  /^npm start$/,
  /^npm run build$/,
  /^cp \.env\.example \.env$/,
  /^node --env-file=\.env dist\/src\/main\.js$/,
];

/** Commands that cannot run inside the suite, each with the reason. */
const exemptCommands: Array<{ command: RegExp; reason: string }> = [
  { command: /^npm ci$/, reason: 'it reinstalls node_modules under the running suite' },
  { command: /^npm test$/, reason: 'it is this suite' },
  { command: /^npm run demo$/, reason: 'test/slow/demo.test.ts starts it, queries its gateway and stops it' },
  { command: /^npm run bench( -- .+)?$/, reason: 'the long benchmark; test/slow/bench/bench.test.ts runs a short one' },
  { command: /^npm run bench:surge( -- .+)?$/, reason: 'the benchmark\'s row (g) alone, minutes long; test/slow/bench/bench.test.ts runs a short one' },
  { command: /^npm run bench:fleet( -- .+)?$/, reason: 'a benchmark of three replicas on a Redis it kills, about a minute; its scenarios are test/slow/process/fleet-rate-weather.test.ts\'s' },
  { command: /^npm run bench:subscriptions( -- .+)?$/, reason: 'a benchmark that starts its own Redis and replicas; its parts are the subscription tests\' (test/e2e/subscriptions)' },
  { command: /^npm run bench:subscriptions:capacity( -- .+)?$/, reason: 'a benchmark of 10 000 sockets; its parts are the subscription tests\' (test/e2e/subscriptions)' },
  { command: /^docker (build|run) /, reason: 'no container engine here; test/slow/deploy/image-on-host.test.ts repeats the image\'s steps' },
  { command: /^rover supergraph compose /, reason: 'no Rover here; test/unit/deploy/router-config.test.ts composes deploy/supergraph.yaml' },
  { command: /^ROUTER_SECRET=\.\.\. router /, reason: 'no Router binary here; test/unit/deploy/router-config.test.ts checks deploy/router.yaml' },
  {
    command: /^APOLLO_KEY=\.\.\. APOLLO_GRAPH_REF=\.\.\. ROUTER_SECRET=\.\.\. router /,
    reason: 'no Router binary or GraphOS key here; test/unit/deploy/router-config.test.ts checks deploy/router-subscriptions.yaml',
  },
];

/** Languages a block may have, and what happens to it. */
const knownLanguages = {
  graphql: 'an operation is run against the sandbox subgraph; type definitions are compared with schema.graphql',
  sh: 'each command is run here or listed as exempt',
  json: 'the answer of the query or curl command right before it, compared',
  yaml: 'a compose file or router settings: parsed only',
  text: 'shown, not run: log lines and diagrams; after a curl command, lines its answer must contain',
};

const blocks: CodeBlock[] = documentationPages().flatMap(codeBlocks);
const answers = new Set(blocks.flatMap((block) => (block.next?.language === 'json' ? [block.next] : [])));
const graphqlBlocks = blocks.filter((block) => block.language === 'graphql');
const isOperation = (document: DocumentNode) => document.definitions.every((definition) => definition.kind === Kind.OPERATION_DEFINITION);
const isSubscription = (document: DocumentNode) =>
  document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'subscription');
const operations = graphqlBlocks.filter((block) => isOperation(parse(block.text)) && !isSubscription(parse(block.text)));
const subscriptions = graphqlBlocks.filter((block) => isSubscription(parse(block.text)));
const typeDefinitions = graphqlBlocks.filter((block) => !isOperation(parse(block.text)));
const commands = blocks
  .filter((block) => block.language === 'sh')
  .flatMap((block) => {
    const inBlock = shellCommands(block.text);
    return inBlock.map((command) => ({
      where: block.where,
      command,
      answer: inBlock.length === 1 ? answerOf(block) : undefined,
      shownLines: inBlock.length === 1 && block.next?.language === 'text' ? block.next.text.trim().split('\n') : undefined,
    }));
  });
const curlCommands = commands.filter(({ command }) => command.startsWith('curl '));

function answerOf(block: CodeBlock): unknown {
  return block.next?.language === 'json' ? JSON.parse(block.next.text) : undefined;
}

describe('the examples of README.md and docs/', () => {
  it('are fenced with a language each, so none escapes these tests', () => {
    const unknown = blocks.filter((block) => !(block.language in knownLanguages)).map((block) => `${block.where} (${block.language || 'none'})`);
    expect(unknown).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(3);
    expect(curlCommands.length).toBeGreaterThanOrEqual(3);
  });

  it('show JSON only as the answer of the query or command right before it', () => {
    const strays = blocks.filter((block) => block.language === 'json' && !answers.has(block)).map((block) => block.where);
    expect(strays).toEqual([]);
  });

  it('are shell commands this file runs, or commands listed as exempt with the reason', () => {
    const unaccounted = commands
      .filter(({ command }) => !commandsRunHere.some((pattern) => pattern.test(command)))
      .filter(({ command }) => !exemptCommands.some(({ command: pattern }) => pattern.test(command)))
      .map(({ where, command }) => `${where}: ${command}`);
    expect(unaccounted).toEqual([]);
  });

  it('name only npm scripts package.json has', () => {
    const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const missing = commands
      .map(({ command }) => /^npm (?:run (\S+)|(start|test))\b/.exec(command))
      .flatMap((match) => (match ? [match[1] ?? match[2]!] : []))
      .filter((script) => !(script in scripts));
    expect(missing).toEqual([]);
  });

  it('link only to files and headings that exist', () => {
    const broken = documentationPages().flatMap((page) => {
      const text = readFileSync(page, 'utf8');
      return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((match) => match[1]!)
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => {
          const [file, anchor] = target.split('#') as [string, string | undefined];
          const linked = file === '' ? page : join(dirname(page), file);
          if (!existsSync(linked)) return true;
          return anchor !== undefined && !headingAnchors(readFileSync(linked, 'utf8')).has(anchor);
        })
        .map((target) => `${relative(projectRoot, page)}: ${target}`);
    });
    expect(broken).toEqual([]);
  });

  it('give compose files and router settings that parse as YAML', () => {
    for (const block of blocks.filter((candidate) => candidate.language === 'yaml')) {
      expect(() => parseYaml(block.text), block.where).not.toThrow();
    }
  });

  it.each(typeDefinitions.map((block) => [block.where, block] as const))(
    'declare at %s the same entity keys as schema.graphql',
    (_where, block) => {
      const schema = parse(readFileSync(join(projectRoot, 'schema.graphql'), 'utf8'));
      const keyOf = (name: string, document: DocumentNode) => {
        const type = document.definitions.find(
          (definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === name,
        );
        const key = type?.directives?.find((directive) => directive.name.value === 'key');
        return key?.arguments?.find((argument) => argument.name.value === 'fields')?.value;
      };
      const shown = parse(block.text).definitions.filter((definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION);
      expect(shown.length).toBeGreaterThan(0);
      for (const type of shown) {
        const name = (type as ObjectTypeDefinitionNode).name.value;
        const expected = keyOf(name, schema);
        expect(expected, `${name} has no @key in schema.graphql`).toBeDefined();
        expect(print(keyOf(name, parse(block.text))!)).toBe(print(expected!));
      }
    },
  );
});

describe('the examples, run against the compiled subgraph started as npm start starts it, in sandbox mode', () => {
  let subgraph: SubgraphProcess;
  let origin: string;

  beforeAll(async () => {
    subgraph = startSubgraphProcess(compiledSubgraph(), { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1' });
    origin = new URL(await subgraph.ready()).origin;
  });
  afterAll(async () => {
    subgraph?.kill('SIGKILL');
  });

  it.each(operations.map((block) => [block.where, block] as const))('answers the query at %s without errors, as the page shows', async (_where, block) => {
    const result = await postGraphQL(`${origin}/graphql`, { query: block.text });
    expect(result.errors, result.text).toBeUndefined();
    expect(result.data).not.toBeNull();
    const shown = answerOf(block);
    if (shown !== undefined) expect(JSON.parse(result.text)).toEqual(shown);
  });

  it.each(subscriptions.map((block) => [block.where, block] as const))('sends the subscription at %s its first event without errors, over SSE', async (_where, block) => {
    const updates = subscribeOverSse(`${origin}/graphql`, { query: block.text });
    const [first] = await updates.eventsAtLeast(1);
    updates.unsubscribe();
    expect(first?.errors).toBeUndefined();
    expect(first?.data).not.toBeNull();
  });

  it.each(curlCommands.map(({ where, command, answer, shownLines }) => [where, command, answer, shownLines] as const))(
    'runs the curl command at %s and it answers without errors, as the page shows',
    async (_where, command, shown, shownLines) => {
      const { stdout } = await run('sh', ['-c', command.replaceAll(documentedOrigin, origin)]);
      if (shownLines !== undefined) {
        // A text answer (Prometheus metrics): every line the page shows is a line of it.
        expect(shownLines.filter((line) => !stdout.split('\n').includes(line))).toEqual([]);
        return;
      }
      const answer = JSON.parse(stdout) as { errors?: unknown };
      expect(answer.errors).toBeUndefined();
      if (shown !== undefined) expect(answer).toEqual(shown);
    },
  );

  it("gives a value to every field of the README's first query", async () => {
    const firstQuery = operations.find((block) => block.where.startsWith('README.md'))!;
    const result = await postGraphQL(`${origin}/graphql`, { query: firstQuery.text });
    const nulls: string[] = [];
    const findNulls = (value: unknown, path: string): void => {
      if (value === null) nulls.push(path);
      else if (typeof value === 'object') for (const [key, inner] of Object.entries(value)) findNulls(inner, `${path}.${key}`);
    };
    findNulls(result.data, 'data');
    expect(result.errors).toBeUndefined();
    expect(nulls).toEqual([]);
  });

  it("serves each example session of the README's sandbox table with the provider and status its row gives", async () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Example sessions in sandbox mode'), readme.indexOf('\n## ', readme.indexOf('## Example sessions')));
    // A moving session's row gives the status it starts in and the one it moves to: `PENDING`, then `COMPLETE`.
    const rows = [...table.matchAll(/^\| `([^`]+)` \| `([A-Z_]+)` \| `([A-Z_]+)`(?:, then `([A-Z_]+)`)? \|/gm)].map(
      ([, id, provider, status, later]) => ({ id, provider, statuses: [status, later].filter((value) => value !== undefined) }),
    );
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      const result = await postGraphQL(`${origin}/graphql`, { query: `{ checkoutSession(id: ${JSON.stringify(row.id)}) { id provider status } }` });
      expect(result.errors, row.id).toBeUndefined();
      expect(result.data?.checkoutSession).toMatchObject({ id: row.id, provider: row.provider });
      expect(row.statuses, row.id).toContain(result.data?.checkoutSession?.status);
    }
  });
});

describe('.env.example', () => {
  const example = readFileSync(join(projectRoot, '.env.example'), 'utf8');

  it('names only variables docs/configuration.md documents, and sets no key', () => {
    const configuration = readFileSync(join(projectRoot, 'docs/configuration.md'), 'utf8');
    const documented = new Set([...configuration.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]));
    const named = [...example.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((variable) => !documented.has(variable) && variable !== 'NODE_ENV')).toEqual([]);
    const values = parseEnv(example);
    expect(values.STRIPE_SECRET_KEY).toBe('');
    expect(values.CONVERGEGATE_SECRET_KEY).toBe('');
  });

  describe('copied to .env with a Stripe test key filled in, and started with node --env-file=.env', () => {
    let stripe: ProviderEmulator;
    let folder: string;
    let subgraph: SubgraphProcess;

    beforeAll(async () => {
      [stripe, folder] = await Promise.all([ProviderEmulator.start(), mkdtemp(join(tmpdir(), 'env-file-'))]);
    });
    afterAll(async () => {
      subgraph?.kill('SIGKILL');
      await Promise.all([stripe?.close(), folder && rm(folder, { recursive: true, force: true })]);
    });

    it('serves Stripe sessions from the key, not the sandbox, and leaves Converge Gate unconfigured', async () => {
      const envFile = join(folder, '.env');
      await copyFile(join(projectRoot, '.env.example'), envFile);
      const filledIn = fillIn(await readFile(envFile, 'utf8'), {
        STRIPE_SECRET_KEY: stripe.stripeSecretKey,
        STRIPE_API_URL: stripe.url,
        PORT: '0',
        HOST: '127.0.0.1',
      });
      await writeFile(envFile, filledIn);

      subgraph = startSubgraphProcess(compiledSubgraph(), { PATH: process.env.PATH ?? '' }, [`--env-file=${envFile}`]);
      const graphqlUrl = await subgraph.ready();
      const result = await postGraphQL(graphqlUrl, {
        query: `{
          stripe: checkoutSession(id: "cs_test_b1CompletePaidOrder1001aaaaaaaaaaaaaaaaaaaaaaaaaaaa") { provider order { id } }
          blik: checkoutSession(id: "CmP1_Order2001PaidBlik") { id }
        }`,
      });

      expect(result.data).toEqual({ stripe: { provider: 'STRIPE', order: { id: 'order_1001' } }, blik: null });
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['PROVIDER_NOT_CONFIGURED']);
      expect(stripe.calls).toHaveLength(1);
      expect(subgraph.stderr()).not.toContain('SANDBOX MODE');
      subgraph.kill('SIGTERM');
      expect(await subgraph.exited).toEqual({ code: 0, signal: null });
    });
  });
});

/** The file with each given variable set: its line replaced where it has one, appended otherwise. */
function fillIn(envFile: string, values: Record<string, string>): string {
  let text = envFile;
  for (const [variable, value] of Object.entries(values)) {
    const line = new RegExp(`^${variable}=.*$`, 'm');
    text = line.test(text) ? text.replace(line, `${variable}=${value}`) : `${text}\n${variable}=${value}\n`;
  }
  return text;
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
function headingAnchors(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^\s*```[\s\S]*?^\s*```/gm, '');
  return new Set(
    [...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
      match[1]!.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-'),
    ),
  );
}
