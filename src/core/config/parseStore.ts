/**
 * Checked configs kept across processes: `gearshift run` otherwise loads the YAML library and
 * runs every check on each start, the largest piece of its own work before the first stage
 * (docs/benchmarks-journal.md, 14r2). An entry is used only for
 * the same build of gearshift, the same file path and exactly the same text, and only if its
 * checksum matches; anything else (missing, torn, corrupt, older build) is ignored and
 * rewritten. The parse is a pure function of path and text, so that key is the whole input
 * (test/unit/config/parsePurity.test.ts parses with the disk, env and clock made to throw).
 * The caller picks a directory only its user can write: the entry is what the run executes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { readRegularFileSync, replaceFileSync } from '../fileio';
import { fnv1a } from '../ids'; // a checksum against a torn or damaged file, not a defence (the directory is)
import type { Pipeline } from './types';

export interface ParseStore {
  get(file: string, text: string): Pipeline | undefined;
  put(file: string, text: string, pipeline: Pipeline): void;
}

interface Header { v: 1; build: string; file: string; sum: number }

const SLOTS = 32;

export class FileParseStore implements ParseStore {
  /** `build` names this gearshift build's parser: an entry from any other build is never used. */
  constructor(private readonly dir: string, private readonly build: string) {}

  get(file: string, text: string): Pipeline | undefined {
    let raw: string;
    try { raw = readRegularFileSync(this.entryFile(file), 'utf8'); } catch { return undefined; }
    const cut = raw.indexOf('\n');
    try {
      const header = JSON.parse(raw.slice(0, cut)) as Header;
      const body = raw.slice(cut + 1);
      if (cut < 0 || header.v !== 1 || header.build !== this.build || header.file !== file || header.sum !== fnv1a(body)) { return undefined; }
      const entry = JSON.parse(body) as { text: unknown; pipeline: Pipeline };
      return entry.text === text ? entry.pipeline : undefined;
    } catch {
      return undefined; // torn or foreign: parsed afresh and written again
    }
  }

  /** Best effort: a read-only or full disk only means parsing next time too. Written whole, then renamed. */
  put(file: string, text: string, pipeline: Pipeline): void {
    const body = JSON.stringify({ text, pipeline });
    // Only what JSON gives back exactly (no undefined members, no Infinity): else no entry.
    if (!isDeepStrictEqual((JSON.parse(body) as { pipeline: Pipeline }).pipeline, pipeline)) { return; }
    const header: Header = { v: 1, build: this.build, file, sum: fnv1a(body) };
    try {
      // Synchronous whatever fileIo's mode, as put() is.
      replaceFileSync(this.entryFile(file), `${JSON.stringify(header)}\n${body}`, { mode: 0o600 });
      this.removeStaleTemporaries();
    } catch { /* not kept: parsed again next time */ }
  }

  /** A process killed between write and rename leaves its temporary file: gone after a minute, so the folder stays at SLOTS files. */
  private removeStaleTemporaries(): void {
    const before = Date.now() - 60_000;
    for (const name of fs.readdirSync(this.dir)) {
      if (!/^\.?config-.*\.tmp$/.test(name)) { continue; } // .config-: ours (fileio); config-: an older build's
      const file = path.join(this.dir, name);
      try {
        if (fs.statSync(file).mtimeMs < before) { fs.unlinkSync(file); }
      } catch { /* another process took it */ }
    }
  }

  /** One of SLOTS files: the folder never grows past them (temporary repositories come and go); two paths sharing a slot take turns. */
  private entryFile(file: string): string {
    return path.join(this.dir, `config-${fnv1a(file) % SLOTS}.json`);
  }
}
