/** Drift: the exported file on disk against what the pipeline exports to now. */
import { isGeneratedFile } from './common';
import { unifiedDiff } from './diff';

export type DriftState =
  /** The file equals the export. */
  | 'clean'
  /** Ours, but the pipeline (or a hand edit) has moved on. */
  | 'drifted'
  /** No file yet. */
  | 'missing'
  /** A file someone else wrote (no Gearshift header): never overwritten without asking. */
  | 'foreign';

export interface Drift {
  readonly state: DriftState;
  /** Unified diff from the file on disk (or nothing) to the export; '' when clean. */
  readonly diff: string;
}

/** `existing`: the file's text, undefined when it does not exist. `label`: its path, for the diff. */
export function compareExport(onDisk: string | undefined, expected: string, label: string): Drift {
  // A checkout with `core.autocrlf` holds the file with CRLF line ends: the same file, not drift.
  const existing = onDisk?.replace(/\r\n/g, '\n');
  if (existing === expected) { return { state: 'clean', diff: '' }; }
  const diff = unifiedDiff(existing ?? '', expected, existing === undefined ? '/dev/null' : `a/${label}`, `b/${label}`);
  if (existing === undefined) { return { state: 'missing', diff }; }
  return { state: isGeneratedFile(existing) ? 'drifted' : 'foreign', diff };
}
