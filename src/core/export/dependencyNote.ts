/**
 * A plain export runs each stage's command on a fresh checkout: a Node project's jobs then find
 * no node_modules ("jest: not found") unless a stage installs them. Said beside the file, not in
 * it, so an export that was right stays without drift (firsthour34 F16).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Pipeline } from '../config';
import { foldersUp } from './viaCliDetect';

/** An install command at the start of, or inside, a stage's command. */
const INSTALLS = /\b(?:npm (?:ci|install|i)|yarn(?: install)?|pnpm (?:install|i)|bun install)\b/;

/** The note, or undefined when there is no package.json with dependencies or some stage installs them. */
export async function dependencyNote(pipeline: Pipeline, repoRoot: string): Promise<string | undefined> {
  if (pipeline.stages.some((s) => INSTALLS.test(s.run))) { return undefined; }
  for (const folder of foldersUp(pipeline.root, repoRoot)) {
    const count = await dependencyCount(path.join(folder, 'package.json'));
    if (count === undefined) { continue; }
    if (count === 0) { return undefined; }
    return `no job installs dependencies (package.json lists ${count}), and each job starts from a fresh checkout: put the install (e.g. npm ci) in the stages' commands, or export with --via-cli, whose jobs install them`;
  }
  return undefined;
}

/** How many dependencies and devDependencies a package.json lists; undefined when there is none or it is unreadable. */
async function dependencyCount(file: string): Promise<number | undefined> {
  let parsed: unknown;
  try { parsed = JSON.parse(await fs.readFile(file, 'utf8')); } catch { return undefined; }
  if (typeof parsed !== 'object' || parsed === null) { return undefined; }
  const lists = ['dependencies', 'devDependencies'].map((k) => (parsed as Record<string, unknown>)[k]);
  return lists.reduce<number>((n, list) => n + (typeof list === 'object' && list !== null ? Object.keys(list).length : 0), 0);
}
