/**
 * The export as both fronts (CLI, editor) need it: load the config, find the repository's top,
 * generate, and compare with the file on disk. Reading and writing files lives here; what the
 * file says is decided by the pure functions beside it.
 */
import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { fileIo, keptAttributes } from '../fileio';
import { isInsideFolder, loadPipeline, readRepositoryText, type ConfigError, type Pipeline } from '../config';
import { flagsFilesOf } from '../flags';
import { compareExport, type Drift } from './check';
import { exportedFrom, exportedViaCli, isGeneratedFile, oneLine, relativeFolder } from './common';
import { ownExportPath, pipelineDisplayPath } from './find';
import { exportGithub } from './github';
import { exportGitlab } from './gitlab';
import { dependencyNote } from './dependencyNote';
import { exportNotes } from './notes';
import { exportedPart } from './blueGreen';
import { nameWarnings } from './warnings';
import { DEFAULT_EXPORT_PATH, type ExportOptions, type ExportTarget } from './types';
import { detectViaCliSetup } from './viaCliDetect';
import { repositoryTop } from './repositoryTop';

export interface ExportRequest {
  readonly configFile: string;
  readonly target: ExportTarget;
  /** Unset: as the file on disk was exported (its header says whether `--via-cli`), so "again" is the same export. */
  readonly viaCli?: boolean;
  /** Absolute; default: the engine's path under the repository's top. */
  readonly outFile?: string;
}

export type ExportPlan =
  | { readonly ok: false; readonly errors: readonly ConfigError[] }
  | {
    readonly ok: true;
    readonly outFile: string;
    /** What the file should hold. */
    readonly expected: string;
    /** The file as it is now; undefined when missing. */
    readonly existing: string | undefined;
    readonly drift: Drift;
    /** The mode exported: as asked, or (asked nothing) as the file on disk. */
    readonly viaCli: boolean;
    /** `--via-cli` was not asked for but kept, since the file on disk is a `--via-cli` export. */
    readonly keptViaCli: boolean;
    /**
     * The file on disk is Gearshift's export of another pipeline file (a monorepo's other
     * pipeline): its path, as the header names it. Not replaced without `--force`.
     */
    readonly otherPipeline?: string;
    /** Where this pipeline's own export could go instead (absolute). */
    readonly ownOut: string;
    /** The export's own input (the pipeline file, a flags file) when the out path names one: never written. */
    readonly overwritesInput?: string;
    /** Said beside the file (one line each): stages left out, settings the engine will not honour. */
    readonly notes: readonly string[];
    /**
     * Also in the file's header: `--via-cli` in a repository whose jobs cannot install gearshift as
     * they should; a secret named like a variable the engine sets itself.
     */
    readonly warnings: readonly string[];
  };

export async function planExport(request: ExportRequest): Promise<ExportPlan> {
  const loaded = await loadPipeline(request.configFile);
  if (!loaded.ok) { return { ok: false, errors: loaded.errors }; }
  const repoRoot = await repositoryTop(loaded.pipeline.root);
  const outFile = request.outFile ?? path.join(repoRoot, DEFAULT_EXPORT_PATH[request.target]);
  await refuseFolderOutside(outFile, repoRoot);
  const existing = await readIfExists(outFile);
  const from = existing === undefined ? undefined : exportedFrom(existing);
  const otherPipeline = from !== undefined && from !== oneLine(pipelineDisplayPath(repoRoot, loaded.pipeline.file)) ? from : undefined;
  // Another pipeline's mode is not this one's to keep.
  const keptViaCli = request.viaCli === undefined && otherPipeline === undefined && existing !== undefined && isGeneratedFile(existing) && exportedViaCli(existing);
  const viaCli = request.viaCli ?? keptViaCli;
  const viaCliSetup = viaCli ? await detectViaCliSetup(loaded.pipeline.root, repoRoot) : undefined;
  const options: ExportOptions = { target: request.target, viaCli, viaCliSetup, repoRoot, out: relativeFolder(repoRoot, outFile) };
  const expected = request.target === 'github' ? exportGithub(loaded.pipeline, options) : exportGitlab(loaded.pipeline, options);
  const ownOut = path.join(repoRoot, ownExportPath(request.target, repoRoot, loaded.pipeline.root));
  const drift = compareExport(existing, expected, relativeFolder(repoRoot, outFile));
  const input = inputs(loaded.pipeline).find((file) => samePath(file, outFile));
  const installs = viaCli ? undefined : await dependencyNote(loaded.pipeline, repoRoot);
  const notes = [...exportNotes(loaded.pipeline, options), ...(installs === undefined ? [] : [installs])];
  const warnings = [...(viaCliSetup?.warning === undefined ? [] : [viaCliSetup.warning]), ...nameWarnings(exportedPart(loaded.pipeline), options)];
  return { ok: true, outFile, expected, existing, drift, viaCli, keptViaCli, notes, warnings, ownOut,
    ...(otherPipeline === undefined ? {} : { otherPipeline }), ...(input === undefined ? {} : { overwritesInput: input }) };
}

/** What the export reads: the pipeline file and its flags files (`--force` must not replace them). */
function inputs(pipeline: Pipeline): string[] {
  return [pipeline.file, ...flagsFilesOf(pipeline.root, pipeline.flags).files.map((f) => f.path)];
}

/** One file under two spellings (`./x`, a symlink to it): compared after symlinks where it exists. */
function samePath(a: string, b: string): boolean {
  const real = (p: string): string => { try { return realpathSync(p); } catch { return path.resolve(p); } };
  return real(a) === real(b);
}

/** Why the CI file cannot be read or written: the message says which file and why; nothing was written. */
export class ExportFileRefused extends Error {}

/** The CI file as it is, by the config reader's rule (a link out of the repository, a FIFO or a device is refused, not read). */
async function readIfExists(file: string): Promise<string | undefined> {
  try {
    const read = await readRepositoryText(file, 'the CI file');
    if (!read.ok) { throw new ExportFileRefused(`${read.message}; nothing written`); }
    return read.text;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') { return undefined; }
    throw e;
  }
}

/**
 * An out file inside the repository must stay there once links are resolved (a `.github` linked to
 * a folder elsewhere); an `--out` outside it is the user's own choice.
 */
async function refuseFolderOutside(outFile: string, repoRoot: string): Promise<void> {
  const relative = path.relative(repoRoot, outFile);
  // The repository's own folder (`--out .`): the read below says it is a folder, not that the folder above it is outside.
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) { return; } // `..ci` is a folder inside
  const realRoot = await fs.realpath(repoRoot);
  let folder = path.dirname(outFile);
  // The folders export would create do not exist yet: the nearest one that does decides.
  for (;;) {
    const real = await fs.realpath(folder).catch(() => undefined);
    if (real !== undefined) {
      if (isInsideFolder(real, realRoot)) { return; }
      throw new ExportFileRefused(`${path.dirname(outFile)} leads to ${real}, outside the repository (${realRoot}); nothing written`);
    }
    if (folder === repoRoot) { return; }
    folder = path.dirname(folder);
  }
}

/** Written whole or not at all: a temp file beside it, then rename, so an engine never reads half a file. */
export async function writeExport(outFile: string, text: string): Promise<void> {
  const made = await missingFolders(path.dirname(outFile));
  try {
    await fileIo.mkdirp(path.dirname(outFile));
    await fileIo.replaceFile(outFile, text, await keptAttributes(outFile)); // an export redone under sudo stays its user's
  } catch (e) {
    // "nothing written" leaves nothing behind: the folders this export made go too (each only if still empty).
    for (const folder of made) { await fs.rmdir(folder).catch(() => undefined); }
    throw e;
  }
}

/** The folders from `folder` up that do not exist yet, deepest first. */
async function missingFolders(folder: string): Promise<string[]> {
  const missing: string[] = [];
  for (let at = path.resolve(folder); ; at = path.dirname(at)) {
    const exists = await fs.lstat(at).then(() => true, (e: NodeJS.ErrnoException) => e.code !== 'ENOENT');
    if (exists || path.dirname(at) === at) { return missing; }
    missing.push(at);
  }
}
