import { execFile, execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { readDockerignore, type DockerStage } from './dockerfile.js';

const run = promisify(execFile);

/** A Dockerfile's final stage, laid out on the host by {@link buildOnHost}. */
export interface HostImage {
  /** The stage's `WORKDIR` on the host, where its `CMD` runs. */
  workdir: string;
  /** The stage's last `USER`, undefined when it runs as root. */
  user: string | undefined;
  command: string[];
  healthcheck: string[] | undefined;
  stopSignal: NodeJS.Signals | undefined;
  /** The stage's `ENV`, which the container starts with. */
  environment: Record<string, string>;
}

export interface HostBuildOptions {
  /** The build context: the folder `docker build` is given, with its `.dockerignore`. */
  context: string;
  /** An empty folder; each stage's filesystem is laid out in a folder of its own inside it. */
  into: string;
  /** The project's own `node_modules`, installed from the same lock file with the dev dependencies. */
  nodeModules: string;
}

/**
 * Repeats a Dockerfile's steps on the host, as far as a host can without a container
 * engine: each stage's filesystem root is a folder, `COPY` copies from the build context
 * (filtered by `.dockerignore`) or from an earlier stage, and `RUN` runs the command with
 * the stage's `ENV`. The one step not repeated is a full `npm ci`: the project's own
 * `node_modules`, installed from the same lock file, is linked in its place. The final
 * stage is left read-only.
 */
export async function buildOnHost(stages: DockerStage[], options: HostBuildOptions): Promise<HostImage> {
  const isIgnored = readDockerignore(options.context);
  const stageRoots = new Map<string, string>();
  let image: HostImage | undefined;
  let root = options.into;

  for (const [index, stage] of stages.entries()) {
    root = path.join(options.into, stage.name ?? `stage-${index}`);
    await mkdir(root, { recursive: true });
    if (stage.name !== undefined) stageRoots.set(stage.name, root);
    const environment: Record<string, string> = {};
    let workdir = root;
    image = { workdir, user: undefined, command: [], healthcheck: undefined, stopSignal: undefined, environment };

    for (const instruction of stage.instructions) {
      switch (instruction.keyword) {
        case 'WORKDIR':
          workdir = path.join(root, instruction.words[0]!);
          await mkdir(workdir, { recursive: true });
          image.workdir = workdir;
          break;
        case 'ENV':
          for (const { name, value } of instruction.variables) environment[name] = value ?? '';
          break;
        case 'COPY': {
          const sources = instruction.words.slice(0, -1);
          const destination = path.join(instruction.words.at(-1)!.startsWith('/') ? root : workdir, instruction.words.at(-1)!);
          const from = instruction.flags.from;
          for (const source of sources) {
            if (from === undefined) {
              if (isIgnored(source)) throw new Error(`COPY ${source}: excluded from the build context by .dockerignore`);
              await copyInto(path.join(options.context, source), destination, (file) =>
                !isIgnored(path.relative(options.context, file).split(path.sep).join('/')),
              );
            } else {
              const fromRoot = stageRoots.get(from);
              if (fromRoot === undefined) throw new Error(`COPY --from=${from}: no earlier stage of that name`);
              await copyInto(path.join(fromRoot, source), destination, () => true);
            }
          }
          break;
        }
        case 'RUN':
          if (instruction.words[0] === 'npm' && instruction.words[1] === 'ci' && !instruction.words.includes('--omit=dev')) {
            await symlink(options.nodeModules, path.join(workdir, 'node_modules'), 'dir');
          } else {
            await run('sh', ['-c', instruction.text], {
              cwd: workdir,
              // npm answers from its local cache where it can, as a build with a cache mount would.
              env: { PATH: process.env.PATH, HOME: process.env.HOME, ...environment, npm_config_prefer_offline: 'true' },
            });
          }
          break;
        case 'USER':
          image.user = ['root', '0', '0:0'].includes(instruction.words[0]!) ? undefined : instruction.words[0];
          break;
        case 'CMD':
          if (instruction.execForm === undefined) throw new Error('CMD: only the exec form (["node", ...]) is repeated on the host');
          image.command = instruction.execForm;
          break;
        case 'HEALTHCHECK':
          image.healthcheck = instruction.execForm;
          break;
        case 'STOPSIGNAL':
          image.stopSignal = instruction.words[0] as NodeJS.Signals;
          break;
        case 'EXPOSE':
        case 'LABEL':
          break;
        default:
          throw new Error(`${instruction.keyword}: not an instruction the host build knows how to repeat`);
      }
    }
  }
  if (image === undefined) throw new Error('the Dockerfile has no stage');
  await run('chmod', ['-R', 'a-w', root]);
  // A new temporary folder is private to its owner: let the run account through it.
  await chmod(options.into, 0o755);
  return image;
}

/** The non-root account a host runs the image's `CMD` as: `nobody` when the tests run as root. */
export function hostRunAccount(): { uid: number; gid: number } {
  const uid = process.getuid!();
  if (uid !== 0) return { uid, gid: process.getgid!() };
  const idOf = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: idOf('-u'), gid: idOf('-g') };
}

/** Docker's COPY: a folder's contents into the destination, a file into a folder (a destination ending in `/`) or onto a name. */
async function copyInto(source: string, destination: string, keep: (file: string) => boolean): Promise<void> {
  const isFolder = (await stat(source)).isDirectory();
  const target = isFolder || !destination.endsWith(path.sep) ? destination : path.join(destination, path.basename(source));
  await cp(source, target, { recursive: true, filter: keep });
}
