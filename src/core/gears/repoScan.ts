/**
 * A shallow, bounded look at a repository for the readiness checklist: infrastructure-as-code
 * files (environments provisioned by code) and feature-toggle files or SDKs.
 *
 * Bounded so it stays cheap on any repository: at most MAX_DEPTH folders deep, at most
 * MAX_ENTRIES directory entries in all, vendored and generated folders skipped, symlinks not
 * followed. Files read: package.json and CloudFormation candidates, only their start; and, in a
 * folder without `.gearshift.yml`, each flags-file candidate whole up to 4 MiB (as `gearshift flags`
 * reads it) to see whether it declares flagd's `$schema`, read again only once its size, mtime or
 * inode changed (config/declared.ts keeps the answer). When the budget runs out the result says so
 * (`truncated`) and absence means "unknown".
 */
import type { Dirent } from 'fs';
import { fileIo as fs, type OpenFile } from '../fileio';
import * as path from 'path';
import { fileMayDeclareFlagdSchema, findConfigFile, presentFlagsFiles, type FlagsConfig } from '../config';

export type ProvisionTool = 'Terraform' | 'Ansible' | 'Pulumi' | 'Chef' | 'Puppet' | 'CloudFormation' | 'Helm';

export interface Finding {
  /** Path relative to the root, with `/`. */
  readonly file: string;
  readonly what: string;
}

export interface RepoFacts {
  readonly root: string;
  readonly entries: number;
  /** The entry budget ran out before the whole shallow tree was seen. */
  readonly truncated: boolean;
  readonly provisioning: readonly (Finding & { readonly what: ProvisionTool })[];
  readonly flagsFiles: readonly string[];
  /** `what` is the package name. */
  readonly flagSdks: readonly Finding[];
  /** Stale feature toggles in the flags files (flags/); absent when there are none to judge or they could not be judged. */
  readonly staleFlags?: number;
  /** Why flags files there could not be judged (no git history, a broken file, git not to be run): unknown, never 0. */
  readonly staleFlagsUnknown?: string;
}

export interface ScanOptions {
  readonly maxDepth?: number;
  readonly maxEntries?: number;
  /** False in an untrusted workspace: git (which reads the repository's config) is not run, so staleness is unknown. */
  readonly gitHistory?: boolean;
  /** The pipeline's `flags:` section (awaited only once the tree is walked, so a caller can still be loading it). */
  readonly flags?: PromiseLike<FlagsConfig | undefined>;
}

export const MAX_DEPTH = 3;
export const MAX_ENTRIES = 2000;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.terraform', '.vscode-test', 'coverage', 'dist', 'out']);
const HEAD_BYTES = 8192;
const MAX_PACKAGE_BYTES = 1024 * 1024;
const MAX_READS = 50;

const FLAG_SDK_SCOPES = ['@openfeature/', '@launchdarkly/', '@unleash/', '@growthbook/', '@devcycle/', '@flipt-io/', '@splitsoftware/'];
const FLAG_SDKS = new Set(['unleash-client', 'unleash-proxy-client', 'launchdarkly-node-server-sdk', 'launchdarkly-js-client-sdk',
  'launchdarkly-react-client-sdk', 'ldclient-node', 'flagsmith', 'flagsmith-nodejs', 'configcat-node', 'configcat-js']);
const CFN_CANDIDATE = /(\.template|\.cfn\.(json|ya?ml)|^template\.(json|ya?ml)|(cloudformation|cfn|stack)[^/]*\.(json|ya?ml))$/i;
const CFN_MARK = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/;

/** Tools recognised by a file or folder name alone. */
function toolByName(name: string, isDir: boolean): ProvisionTool | undefined {
  if (isDir) {
    if (name === 'playbooks') { return 'Ansible'; }
    if (name === 'cookbooks' || name === '.chef') { return 'Chef'; }
    return undefined;
  }
  if (/\.tf(\.json)?$/.test(name)) { return 'Terraform'; }
  if (name === 'ansible.cfg' || /playbook[^/]*\.ya?ml$/i.test(name)) { return 'Ansible'; }
  if (/^Pulumi\.ya?ml$/.test(name)) { return 'Pulumi'; }
  if (name === 'Berksfile' || name === 'Policyfile.rb' || name === 'knife.rb') { return 'Chef'; }
  if (name.endsWith('.pp') || name === 'Puppetfile') { return 'Puppet'; }
  if (name === 'Chart.yaml') { return 'Helm'; }
  if (name === 'cdk.json') { return 'CloudFormation'; }
  return undefined;
}

export async function scanRepo(root: string, options: ScanOptions = {}): Promise<RepoFacts> {
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const provisioning: (Finding & { what: ProvisionTool })[] = [];
  const packageFiles: string[] = [];
  const cfnCandidates: string[] = [];
  let entries = 0;
  let truncated = false;
  // Breadth first: the shallow, most telling files are seen before the budget runs out.
  const queue: { dir: string; depth: number }[] = [{ dir: '', depth: 0 }];
  for (let q = 0; q < queue.length && !truncated; q++) {
    const { dir, depth } = queue[q];
    let list: Dirent[];
    try {
      list = await fs.readdirEntries(path.join(root, dir));
    } catch {
      continue; // unreadable folder: skip it, the rest still tells something
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of list) {
      if (++entries > maxEntries) { truncated = true; entries = maxEntries; break; }
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory();
      if (isDir && SKIP_DIRS.has(entry.name)) { continue; }
      const tool = toolByName(entry.name, isDir);
      if (tool) { provisioning.push({ file: rel, what: tool }); }
      if (isDir) {
        if (depth < maxDepth) { queue.push({ dir: rel, depth: depth + 1 }); }
        continue;
      }
      if (!entry.isFile()) { continue; }
      if (entry.name === 'package.json') { packageFiles.push(rel); }
      if (!tool && CFN_CANDIDATE.test(entry.name)) { cfnCandidates.push(rel); }
    }
  }
  for (const rel of cfnCandidates.slice(0, MAX_READS)) {
    if (CFN_MARK.test(await readHead(path.join(root, rel), HEAD_BYTES))) { provisioning.push({ file: rel, what: 'CloudFormation' }); }
  }
  const flagSdks: Finding[] = [];
  for (const rel of packageFiles.slice(0, MAX_READS)) {
    for (const pkg of flagPackages(await readHead(path.join(root, rel), MAX_PACKAGE_BYTES))) { flagSdks.push({ file: rel, what: pkg }); }
  }
  return { root, entries, truncated, provisioning, flagSdks, ...await flagsFacts(root, options) };
}

/** The flags files Gearshift reads, by the editor's rule: a file it would not read earns nothing. */
async function flagsFacts(root: string, options: ScanOptions): Promise<Pick<RepoFacts, 'flagsFiles' | 'staleFlags' | 'staleFlagsUnknown'>> {
  const flags = await options.flags;
  // No pipeline names them: another tool's flags.json is not Gearshift's unless it declares flagd's $schema (review37a F2).
  const onlyDeclared = findConfigFile(root) === undefined;
  const flagsFiles: string[] = [];
  for (const rel of presentFlagsFiles(root, flags)) {
    if (!onlyDeclared || await fileMayDeclareFlagdSchema(path.join(root, rel))) { flagsFiles.push(rel); }
  }
  const stale = flagsFiles.length > 0 ? await countStaleFlags(root, options.gitHistory !== false, flags, onlyDeclared) : {};
  return { flagsFiles, ...stale };
}

/** Loaded on demand: flagd-core is only paid for by repositories that have a flags file. */
async function countStaleFlags(root: string, gitHistory: boolean, flags: FlagsConfig | undefined, onlyDeclared: boolean): Promise<Pick<RepoFacts, 'staleFlags' | 'staleFlagsUnknown'>> {
  if (!gitHistory) { return { staleFlagsUnknown: 'git is not run in an untrusted workspace' }; }
  try {
    const { listFlags, flagsContextFor } = await import(/* webpackChunkName: "flags" */ '../flags');
    const listing = await listFlags({ ...flagsContextFor(root, flags), ...(onlyDeclared ? { onlyDeclared } : {}) }, { references: false });
    if (listing.errors.length > 0) { return { staleFlagsUnknown: 'a flags file has errors: `gearshift flags list` shows them' }; }
    if (listing.agesProblem !== undefined) { return { staleFlagsUnknown: listing.agesProblem }; }
    return { staleFlags: listing.rows.filter((r) => r.stale).length };
  } catch (e) {
    return { staleFlagsUnknown: `the flags files could not be read (${(e as Error).message})` };
  }
}

/** Feature-flag SDKs among a package.json's dependencies of any kind; [] for unparsable text. */
export function flagPackages(packageJson: string): string[] {
  let pkg: unknown;
  try { pkg = JSON.parse(packageJson); } catch { return []; }
  if (typeof pkg !== 'object' || pkg === null) { return []; }
  const found = new Set<string>();
  for (const key of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = (pkg as Record<string, unknown>)[key];
    if (typeof deps !== 'object' || deps === null) { continue; }
    for (const name of Object.keys(deps)) {
      if (FLAG_SDKS.has(name) || FLAG_SDK_SCOPES.some((scope) => name.startsWith(scope))) { found.add(name); }
    }
  }
  return [...found].sort();
}

/** The first `bytes` of a file as text; '' when it cannot be read. */
async function readHead(file: string, bytes: number): Promise<string> {
  let handle: OpenFile | undefined;
  try {
    handle = await fs.open(file, 'r');
    const size = Math.min(bytes, (await handle.stat()).size);
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}
