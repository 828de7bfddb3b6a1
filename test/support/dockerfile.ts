import { readFileSync } from 'node:fs';
import path from 'node:path';
import dockerignore from '@balena/dockerignore';
import { DockerfileParser, JSONInstruction, ModifiableInstruction, PropertyInstruction, type Instruction } from 'dockerfile-ast';

export interface DockerInstruction {
  /** Upper case: `FROM`, `RUN`, `COPY`, ... */
  keyword: string;
  /** `--name=value` options, e.g. `{ from: 'build' }` for `COPY --from=build`. */
  flags: Record<string, string>;
  /** The arguments split into words, flags left out. */
  words: string[];
  /** The arguments as written, flags left out: the command of a shell-form `RUN`. */
  text: string;
  /** The command in exec form: `CMD`/`RUN ["..."]`, and the `CMD [...]` of a `HEALTHCHECK`. */
  execForm: string[] | undefined;
  /** `name=value` pairs of `ENV` and `ARG`. */
  variables: Array<{ name: string; value: string | null }>;
}

export interface DockerStage {
  /** The `AS` name of the stage, if it has one. */
  name: string | undefined;
  /** The base image, e.g. `node:24-slim`. */
  image: string;
  /** The stage's instructions after its `FROM`. */
  instructions: DockerInstruction[];
}

/** Reads a Dockerfile into its build stages, one per `FROM`. */
export function readDockerfile(path: string): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const instruction of DockerfileParser.parse(readFileSync(path, 'utf8')).getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const words = instruction.getArguments().map((argument) => argument.getValue());
    if (keyword === 'FROM') {
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({ name: asIndex === -1 ? undefined : words[asIndex + 1], image: words[0] ?? '', instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`${path}: ${keyword} before the first FROM`);
    const flags =
      instruction instanceof ModifiableInstruction
        ? Object.fromEntries(instruction.getFlags().map((flag) => [flag.getName(), flag.getValue() ?? '']))
        : {};
    stage.instructions.push({
      keyword,
      flags,
      words,
      text: instruction.getArgumentsContent() ?? '',
      execForm: execFormOf(keyword, instruction),
      variables:
        instruction instanceof PropertyInstruction
          ? instruction.getProperties().map((property) => ({ name: property.getName(), value: property.getValue() }))
          : [],
    });
  }
  return stages;
}

function execFormOf(keyword: string, instruction: Instruction): string[] | undefined {
  if (keyword === 'HEALTHCHECK') {
    // The parser leaves a health check's command as text: `CMD ["node", ...]`.
    const command = /^CMD\s+(\[.*\])$/s.exec(instruction.getArgumentsContent() ?? '');
    return command ? (JSON.parse(command[1]!) as string[]) : undefined;
  }
  if (instruction instanceof JSONInstruction && instruction.getOpeningBracket() !== null) {
    return instruction.getJSONStrings().map((text) => text.getJSONValue());
  }
  return undefined;
}

/** Reads a build context's `.dockerignore`: whether `docker build` leaves a path (relative, `/`-separated) out of the context. */
export function readDockerignore(context: string): (relativePath: string) => boolean {
  // The package is CommonJS with an ES-style default in its types.
  const rules = dockerignore.default().add(readFileSync(path.join(context, '.dockerignore'), 'utf8'));
  return (relativePath) => rules.ignores(relativePath);
}
