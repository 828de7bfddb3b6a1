import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const projectFile = (name: string) => JSON.parse(readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8'));

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  dev?: boolean;
}

const project = projectFile('package.json') as { engines: { node: string } };
const lock = projectFile('package-lock.json') as { packages: Record<string, LockedPackage> };

describe('package-lock.json', () => {
  it('installs only packages that run on every Node.js version package.json allows, so npm ci prints no EBADENGINE warning', () => {
    // The runtimes the README and docs/deployment.md promise.
    expect(project.engines.node).toBe('^20.19.0 || ^22.15.0 || >=24.0.0');

    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, locked]) => {
        const wanted = Array.isArray(locked.engines) ? undefined : locked.engines?.node;
        if (wanted === undefined || semver.subset(project.engines.node, wanted)) return [];
        return [`${path.replace(/^.*node_modules\//, '')}@${locked.version} wants node ${wanted}`];
      });

    expect(refusing).toEqual([]);
  });
});
