import { statSync } from 'fs';
import { fileIo as fs } from '../fileio';
import * as path from 'path';
import { danglingLinkMessage } from './danglingLink';
import { readConfigText } from './fileRead';
import type { ParseStore } from './parseStore';
import { CONFIG_FILE_NAME, type LoadResult } from './types';

/** The parser (and the YAML library, most of the bundle) loads on first use, not at activation. */
function parser(): Promise<typeof import('./parse')> {
  return import(/* webpackChunkName: "config" */ './parse');
}

/** `<folder>/.gearshift.yml` when it exists as a file, else undefined. */
export function findConfigFile(folder: string): string | undefined {
  const file = path.join(folder, CONFIG_FILE_NAME);
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The last parse of one file. A reader that finds the same text again gets a copy of that
 * result instead of a new parse: parsing (the YAML library and every check) is most of what
 * `gearshift run` does before its first stage, and it validates, then launches.
 */
export class ParseMemo {
  /** Checked configs from earlier processes too (set by the CLI, parseStore.ts); the editor keeps one process. */
  static store: ParseStore | undefined;
  private last: { file: string; text: string; result: LoadResult } | undefined;

  reuse(file: string, text: string): LoadResult | undefined {
    if (this.last?.file === file && this.last.text === text) { return structuredClone(this.last.result); }
    const pipeline = ParseMemo.store?.get(file, text);
    if (!pipeline) { return undefined; }
    this.last = { file, text, result: { ok: true, pipeline: structuredClone(pipeline) } };
    return { ok: true, pipeline };
  }

  keep(file: string, text: string, result: LoadResult): void {
    this.last = { file, text, result: structuredClone(result) };
    if (result.ok) { ParseMemo.store?.put(file, text, result.pipeline); }
  }
}

/**
 * Read and validate a pipeline file. Never throws: every failure is a positioned error. The
 * file is read every time; with a `memo`, an unchanged text is not parsed again.
 */
export async function loadPipeline(file: string, memo?: ParseMemo): Promise<LoadResult> {
  let text: string;
  try {
    const read = await readConfigText(file);
    if (!read.ok) { return fail(file, read.message, read.line, read.col); }
    text = read.text;
  } catch (e) {
    const failure = await readFailure(file, e);
    return failure.missing ? { ...fail(file, failure.message), missing: true } : fail(file, failure.message);
  }
  return parseConfigText(text, file, memo);
}

/** A pipeline file's text (read from disk, or from a commit) checked as `file`; with a `memo`, an unchanged text is not parsed again. */
export async function parseConfigText(text: string, file: string, memo?: ParseMemo): Promise<LoadResult> {
  // Editors hide a byte-order mark; dropping it keeps our offsets equal to theirs.
  if (text.startsWith('\uFEFF')) { text = text.slice(1); }
  const reused = memo?.reuse(file, text);
  if (reused) { return reused; }
  const { EMPTY_FILE_MESSAGE, parsePipelineText } = await parser();
  const result = text.trim() === '' ? fail(file, EMPTY_FILE_MESSAGE) : parsePipelineText(text, file);
  memo?.keep(file, text, result);
  return result;
}

async function readFailure(file: string, e: unknown): Promise<{ message: string; missing?: true }> {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    const dangling = danglingLinkMessage(file);
    if (dangling) { return { message: `${dangling}: point the link at a pipeline file, or remove it and create one (\`gearshift init\`)` }; }
    // A `.yaml` spelling is an easy mistake; say so instead of "no file".
    const yamlSpelling = file.replace(/\.yml$/, '.yaml');
    const hint = yamlSpelling !== file && (await exists(yamlSpelling))
      ? ` (found ${path.basename(yamlSpelling)}: rename it to ${path.basename(file)})`
      : '';
    const message = `No ${CONFIG_FILE_NAME} at ${file}${hint}: run "Gearshift: Create Pipeline Config" or \`gearshift init\` to create one`;
    return hint === '' ? { message, missing: true } : { message };
  }
  const why = (e as NodeJS.ErrnoException | undefined)?.code ?? (e instanceof Error ? e.message : String(e));
  return { message: `cannot read ${file}: ${why}; check that the file exists and that you may read it` };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function fail(file: string, message: string, line = 1, col = 1): Extract<LoadResult, { ok: false }> {
  return { ok: false, errors: [{ file, line, col, offset: 0, endOffset: 0, message }] };
}
