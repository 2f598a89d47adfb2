/**
 * core/fileio in child processes, once with the thread pool's calls (the editor) and once with
 * the synchronous ones (the CLI): a real umask, real ulimits, another user, a fresh `geteuid`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as path from 'node:path';

const FILEIO = path.resolve(__dirname, '../../src/core/fileio');
export const MODES = ['pool', 'sync'] as const;

/** A node script with fileIo in the mode its first argument names; `body` is an async function body whose value is printed as JSON. */
export function fileioScript(body: string): string {
  return `const { fileIo, keptAttributes, replaceFileSync, useSyncFileIo } = require(${JSON.stringify(FILEIO)});
    const fs = require('fs'), path = require('path');
    useSyncFileIo(process.argv[1] === 'sync');
    (async () => { ${body} })().then((v) => process.stdout.write(JSON.stringify(v)), (e) => { process.stderr.write(String(e.stack)); process.exit(9); });`;
}

/** Runs `body` in a child under `sh` (where `limits` sets ulimits), in each mode, with `options` (another uid, env); the answers. */
export function inFileioChildren(body: string, limits = '', options: SpawnSyncOptions = {}): unknown[] {
  return MODES.map((mode) => {
    const r = spawnSync('sh', ['-c', `${limits} exec "$0" -e "$1" "$2"`, process.execPath, fileioScript(body), mode], { timeout: 30_000, ...options, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as unknown;
  });
}
