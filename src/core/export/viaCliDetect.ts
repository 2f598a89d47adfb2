/**
 * Finds what a `--via-cli` job must install: the lockfile nearest the pipeline's folder (up to the
 * repository's top, where a workspace keeps it), the Node its package.json asks for, and whether
 * gearshift is among its dependencies. Reads files; the job text is decided in viaCliSetup.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { relativeFolder } from './common';
import { ADD_OWN_GEARSHIFT, registryGearshiftWarning } from './gearshiftSpec';
import { dependencyNames, readPackage } from './packageJson';
import { nodeMajorFor, type ViaCliSetup } from './viaCliSetup';

const NPM_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json'];
const OTHER_LOCKS: ReadonlyArray<readonly [file: string, tool: string]> = [['pnpm-lock.yaml', 'pnpm'], ['yarn.lock', 'yarn'], ['bun.lock', 'bun'], ['bun.lockb', 'bun']];

/** Every file whose content or place changes what a `--via-cli` export holds: the drift check rereads on them. */
export const VIA_CLI_INPUTS: readonly string[] = ['package.json', ...NPM_LOCKS, ...OTHER_LOCKS.map(([file]) => file)];

export async function detectViaCliSetup(configFolder: string, repoRoot: string): Promise<ViaCliSetup> {
  let nearestPackage: string | undefined;
  for (const folder of foldersUp(configFolder, repoRoot)) {
    const names = new Set(await fs.readdir(folder).catch(() => [] as string[]));
    if (nearestPackage === undefined && names.has('package.json')) { nearestPackage = folder; }
    const other = OTHER_LOCKS.find(([file]) => names.has(file));
    if (NPM_LOCKS.some((file) => names.has(file))) { return setupAt(folder, repoRoot, 'npm ci', nearestPackage); }
    if (other) { return otherTool(folder, repoRoot, other[0], other[1], nearestPackage); }
  }
  if (nearestPackage !== undefined) {
    const setup = await setupAt(nearestPackage, repoRoot, 'npm install', nearestPackage);
    const lock = `no package-lock.json: each job runs \`npm install\`, which picks dependency versions afresh; commit one (npm install writes it) and the jobs run \`npm ci\``;
    return { ...setup, warning: setup.warning ?? lock };
  }
  return {
    ...await setupAt(configFolder, repoRoot, undefined, undefined),
    warning: `no package.json from the pipeline's folder up to the repository's top: a --via-cli job installs nothing and finds no gearshift; ${ADD_OWN_GEARSHIFT}`,
  };
}

/** The folder and each parent up to the repository's top (only the folder itself when it is outside). */
export function foldersUp(folder: string, top: string): string[] {
  const out = [folder];
  if (relativeFolder(top, folder).startsWith('..')) { return out; }
  for (let f = folder; f !== top && path.dirname(f) !== f;) { f = path.dirname(f); out.push(f); }
  return out;
}

async function setupAt(folder: string, repoRoot: string, install: ViaCliSetup['install'], nearestPackage: string | undefined): Promise<ViaCliSetup> {
  const own = await readPackage(folder);
  const nearest = nearestPackage === undefined || nearestPackage === folder ? undefined : await readPackage(nearestPackage);
  const range = typeof own?.engines?.node === 'string' ? own.engines.node : undefined;
  const packages = [own, nearest].filter((p) => p !== undefined);
  const lists = packages.some((p) => dependencyNames(p).includes('gearshift'));
  const setup: ViaCliSetup = {
    folder: relativeFolder(repoRoot, folder), install, nodeMajor: nodeMajorFor(range),
    nodeSource: range === undefined ? 'no engines.node' : `engines.node ${JSON.stringify(range)}`,
  };
  if (install === undefined) { return setup; }
  const registry = packages.map(registryGearshiftWarning).find((w) => w !== undefined);
  if (registry !== undefined) { return { ...setup, warning: registry }; }
  if (lists) { return setup; }
  return { ...setup, warning: `package.json lists no gearshift dependency: the job installs the rest but finds no gearshift; ${ADD_OWN_GEARSHIFT}` };
}

async function otherTool(folder: string, repoRoot: string, lock: string, tool: string, nearestPackage: string | undefined): Promise<ViaCliSetup> {
  const setup = await setupAt(folder, repoRoot, undefined, nearestPackage);
  const at = relativeFolder(repoRoot, path.join(folder, lock));
  return { ...setup, warning: `${at}: a --via-cli job installs with npm only, so here it installs nothing and finds no gearshift; export without --via-cli, or keep a package-lock.json (${tool} is not supported yet)` };
}
