/**
 * The gauge's figures kept as printed (`gear --json`, and `status --json` with the newest run) in
 * `.git/gearshift/gauge-answer.json`, beside the history and never part of it. A call on the same
 * history bytes, pipeline, git answers (the git memo's key) and repository scan, at a clock before
 * the figures' next change (core/gears/gaugeStability.ts), prints them again without reading a
 * run, the kept facts or the memo (docs/benchmarks-journal.md, 14g step 2). Anything else is a miss and
 * the figures are computed as before. Never an error: a missing, damaged or foreign file is a miss.
 * Until a call keeps figures, the file may hold only a mark that a call saw some history bytes
 * (markSeen): the figures are kept by the second call on new bytes, and a call that folds runs into
 * the kept gauge without writing it (cli/gauge.ts) has no other way to tell it is the second.
 */
import * as path from 'path';
import { fileIo } from '../core/fileio';
import { gaugeGitKey, pipelineKey, type GaugePipeline, type RepoFacts } from '../core/gears';
import { isFingerprint, sameFingerprint, sweepStaleTemps, type HistoryFingerprint } from '../core/history';
import type { RunRecord } from '../core/pipeline';

declare const __webpack_hash__: string | undefined;

export const GAUGE_ANSWER_FILE = 'gauge-answer.json';
/** Bump when the figures' shape (gaugeJson) or what they depend on changes. */
// 2: gear gained provisional and heldBack, a metric bandWithheld (a figure kept by 1 lacks them).
// 3: speed.commitsPerDay gained sampleSize, and reads as counted ("9 commits in 20 minutes") on a young history.
// 4: the gear's pace and rhythm (review22 M3), deploy rates over the deploy history, metrics' notMeasured: figures kept by 3 follow the old rules.
// 5: gear gained next (the text's "Next, to shift up"): figures kept by 4 lack it.
// 6: change lead time counts waiting commits (lowerBound), the gear says how long no deploy came: figures kept by 5 follow the old rules.
const FORMAT = 'gauge-answer 6';
/** Figures are another build's answer after an upgrade (its rules may differ): only this build's count. */
const BUILD = typeof __webpack_hash__ === 'string' ? __webpack_hash__ : 'unbundled';
/**
 * gaugeJson's keys, in its order: `status` spreads the figures between its own fields, so a
 * hand-edited file with any other key (`state`, `run`, `redSince`) would print over them.
 */
const GAUGE_KEYS = 'gear metrics bands speed checklist';

export interface KeptFigures {
  /** gaugeJson of the gauge. */
  readonly gauge: Record<string, unknown>;
  /** The newest run, as `status` prints it; null without runs. */
  readonly newest: RunRecord | null;
}

/** What the figures were computed from. */
export interface FiguresKey {
  /** The history's bytes, taken before they were read. */
  readonly history: HistoryFingerprint;
  readonly pipeline: GaugePipeline;
  /** gaugeGitKey's answer when the memo gave every git answer. */
  readonly git: string;
  readonly repo: RepoFacts;
}

/** A fingerprint as JSON: its last bytes in base64. */
type StoredFingerprint = Record<string, unknown> & { tail: string };

interface Stored extends KeptFigures {
  format: string;
  build: string;
  history: StoredFingerprint;
  pipeline: string;
  git: string;
  repo: string;
  /** The figures hold for clocks in [madeAt, until); null: Infinity. */
  madeAt: number;
  until: number | null;
}

const answerFile = (historyFile: string): string => path.join(path.dirname(historyFile), GAUGE_ANSWER_FILE);

/**
 * The kept figures when they answer for `now`: the cheap checks first (the file, the clock, the
 * pipeline, the history's fingerprint), then git's key and the repository scan (`repo`, started
 * by the caller so it overlaps the rest).
 */
export async function readKeptFigures(
  folder: string, source: { file: string; history: HistoryFingerprint }, pipeline: GaugePipeline, now: number, repo: Promise<RepoFacts>,
): Promise<KeptFigures | undefined> {
  const { history } = source;
  const stored = await readStored(answerFile(source.file));
  const until = stored?.until ?? Infinity; // JSON has no Infinity: no item will ever leave a window
  if (!stored || !(stored.madeAt <= now && now < until) || stored.pipeline !== pipelineKey(pipeline)) { return undefined; }
  if (!sameStored(stored.history, history)) { return undefined; }
  const [git, scanned] = await Promise.all([gaugeGitKey(folder, pipeline), repo]);
  if (git === undefined || git !== stored.git || JSON.stringify(scanned) !== stored.repo) { return undefined; }
  return { gauge: stored.gauge, newest: stored.newest };
}

/** Keeps figures that hold for clocks in [madeAt, until); failures are ignored (the next call computes them). */
export async function keepFigures(historyFile: string, key: FiguresKey, madeAt: number, until: number, figures: KeptFigures): Promise<void> {
  const stored: Stored = {
    format: FORMAT, build: BUILD, history: storedFingerprint(key.history),
    pipeline: pipelineKey(key.pipeline), git: key.git, repo: JSON.stringify(key.repo), madeAt, until, ...figures,
  };
  await replace(answerFile(historyFile), JSON.stringify(stored));
}

/**
 * That a call on the history bytes `history` computed the gauge and kept neither it nor the figures:
 * the next call on them (seenBefore) keeps the figures. In place of figures for other bytes (for
 * these, seenBefore says so and they are kept again); a few KB, failures ignored. The mark decides only
 * when figures are computed, never what they say (they are keyed as ever), so it holds no pipeline
 * or build: the call that finds it folded with the kept gauge's pipeline and computes the figures
 * itself.
 */
export async function markSeen(historyFile: string, history: HistoryFingerprint): Promise<void> {
  await replace(answerFile(historyFile), JSON.stringify({ format: FORMAT, seen: storedFingerprint(history) } satisfies Seen));
}

/**
 * Whether a call on exactly these history bytes was here before: it marked them (markSeen), or
 * kept figures for them that did not answer this call (past their `until`, or a `gear` without
 * `--json`, which does not read them): those are kept again, as on the exact kept gauge.
 */
export async function seenBefore(historyFile: string, history: HistoryFingerprint): Promise<boolean> {
  const s = await readJson(answerFile(historyFile)) as Partial<Seen & Stored> | undefined;
  const bytes = typeof s === 'object' && s !== null && s.format === FORMAT ? s.seen ?? s.history : undefined;
  return typeof bytes === 'object' && bytes !== null && sameStored(bytes, history);
}

interface Seen { format: string; seen: StoredFingerprint }

function storedFingerprint(history: HistoryFingerprint): StoredFingerprint {
  return { ...history, tail: Buffer.from(history.tail).toString('base64') };
}

function sameStored(stored: StoredFingerprint, history: HistoryFingerprint): boolean {
  if (typeof stored.tail !== 'string') { return false; }
  const kept = { ...stored, tail: Buffer.from(stored.tail, 'base64') };
  return isFingerprint(kept) && sameFingerprint(kept, history);
}

async function replace(file: string, text: string): Promise<void> {
  try {
    await fileIo.replaceFile(file, text); // a reader sees the old answer or the new one
    await sweepStaleTemps(path.dirname(file), [GAUGE_ANSWER_FILE]); // what a write killed before its rename left
  } catch {
    // read-only .git, a full disk: computed again next time
  }
}

async function readJson(file: string): Promise<unknown> {
  return fileIo.readFile(file, 'utf8').then((text) => JSON.parse(text) as unknown, () => undefined).catch(() => undefined);
}

async function readStored(file: string): Promise<Stored | undefined> {
  const data = await readJson(file);
  return isStored(data) ? data : undefined;
}

function isStored(d: unknown): d is Stored {
  const s = d as Stored;
  return typeof s === 'object' && s !== null && s.format === FORMAT && s.build === BUILD && typeof s.history === 'object' && s.history !== null
    && typeof s.history.tail === 'string' && typeof s.pipeline === 'string' && typeof s.git === 'string' && typeof s.repo === 'string'
    && Number.isFinite(s.madeAt) && (Number.isFinite(s.until) || s.until === null)
    && typeof s.gauge === 'object' && s.gauge !== null && !Array.isArray(s.gauge) && Object.keys(s.gauge).join(' ') === GAUGE_KEYS
    && (s.newest === null || (typeof s.newest === 'object' && !Array.isArray(s.newest)));
}
