/** The gauge for a folder, computed the same way as the VS Code view, for `gear` and `status --json`. */
import * as path from 'path';
import { DAY_MS, loadPipeline, ParseMemo } from '../core/config';
import {
  compactRuns, computeGauge, foldKeptGauge, foldRoom, FUTURE_SKEW_MS, gatherGaugeInputs, gaugeHistoryEnough, gaugeStableUntil, gaugeWindowMs, keepGauge,
  keptResume, mergeDeploys, MIN_SAMPLE, nextGaugeWindow, pipelineKey, productionDeploys, readKeptGauge, resumableRunFacts, revertsKey, scanRepo,
  type FactsResume, type GaugeInput, type GaugeInputs, type GaugeModel, type GaugePipeline, type GaugeRunFacts, type KeptGauge, type RepoFacts,
} from '../core/gears';
import { historyFingerprint, readAppendedRuns, REWRITE_AFTER_BYTES, sameFingerprint, type HistoryFingerprint } from '../core/history';
import type { RunRecord } from '../core/pipeline';
import { awaitsCleanUp } from '../core/engine';
import { endTimeOf, foldHistory, redSpansOf, type HistoryFold } from '../core/redgreen';
import { historyFileOf, readRecentHistory } from './historyRead';
import { displayPath } from './paths';
import { printable } from '../core/format';
import type { CliIo } from './io';
import { installParseStore } from './parseCache';
import { keepFigures, markSeen, readKeptFigures, seenBefore, type KeptFigures } from './gaugeAnswer';

export interface GaugeHistory {
  pipeline: GaugePipeline | undefined;
  /** The first error of a .gearshift.yml that did not load (`file:line:col: message`). */
  pipelineError?: string;
  /** No .gearshift.yml at all (instead of `pipelineError`): the gauge says so, not "a file with errors". */
  pipelineMissing?: true;
  /** Newest first; only the newest when `kept` answered. */
  runs: RunRecord[];
  /** The history file could not be read at all (said on stderr). */
  unreadable?: true;
  /** foldHistory(runs, '', now): the red period `status` shows and the spans the gauge takes, from one pass. */
  fold: HistoryFold;
  /**
   * The gauge kept from an earlier call on the same history bytes (gaugeFactsCache.ts): no run was
   * read; or, with `folded`, on fewer bytes, with the runs appended since folded in.
   */
  kept?: KeptGauge;
  /** The bytes `kept` was folded up to (readAppendedRuns), and those the file kept it for (`since`): see keepFolded. */
  folded?: { history: HistoryFingerprint; since: HistoryFingerprint };
  /**
   * Read without a bad line, from the bytes `history` names (taken before the read): the answer
   * may be kept; the gauge itself when an earlier call has `seen` these bytes (gaugeFactsCache.ts).
   */
  keepable?: { history: HistoryFingerprint; file: string; seen: boolean };
  /** The history file and its fingerprint taken before the read, when it has one. */
  source?: { history: HistoryFingerprint; file: string };
}

/** What a gauge call reads first: the pipeline, and the history file with its fingerprint (taken before any read of it). */
export type GaugeStart = Pick<GaugeHistory, 'pipeline' | 'pipelineError' | 'pipelineMissing' | 'source'>;

/**
 * The pipeline as `gearshift run` loads it (an unchanged config is not parsed again, cli/parseCache.ts,
 * no YAML library loaded), and the history's fingerprint: once per call, for the kept figures and the read.
 */
export async function startGauge(folder: string, configFile: string, io: CliIo): Promise<GaugeStart> {
  installParseStore(io.env);
  const loaded = await loadPipeline(configFile, new ParseMemo());
  if (!loaded.ok && loaded.missing === true) { return { pipeline: undefined, pipelineMissing: true }; }
  const error = loaded.ok ? undefined : loaded.errors[0];
  const pipelineError = error ? { pipelineError: `${displayPath(error.file, io.cwd)}:${error.line}:${error.col}: ${error.message}` } : {};
  if (!loaded.ok) { return { pipeline: undefined, ...pipelineError }; }
  const file = await historyFileOf(folder);
  // Before the read: a line appended during it makes the next call a miss, never a stale hit.
  const history = await historyFingerprint(file);
  return { pipeline: loaded.pipeline, ...(history ? { source: { file, history } } : {}) };
}

/**
 * The figures `status --json` and `gear --json` print, kept by an earlier call (cli/gaugeAnswer.ts)
 * when they still answer at `now`; `repo`: the repository scan, started by the caller.
 */
export async function keptGaugeFigures(folder: string, start: GaugeStart, now: number, repo: Promise<RepoFacts>): Promise<KeptFigures | undefined> {
  return start.pipeline && start.source ? readKeptFigures(folder, start.source, start.pipeline, now, repo) : undefined;
}

/**
 * The pipeline and the runs the gauge needs, newest first: read from the history's end only as
 * far back as the window needs (gaugeHistory.ts), the whole file only when nothing there lets
 * the reader stop. They also answer `status` (they reach back past the last fully green run).
 * When the history has not changed since a call that kept its gauge, nothing is read.
 * `start`: startGauge's answer when the caller has it already.
 */
export async function readGaugeHistory(folder: string, configFile: string, io: CliIo, now: number, useKept = true, start?: GaugeStart): Promise<GaugeHistory> {
  const { pipeline, pipelineError, pipelineMissing, source } = start ?? await startGauge(folder, configFile, io);
  const { file, history } = source ?? {};
  const read = useKept && file && history && pipeline ? await readKeptGauge(file, history, pipelineKey(pipeline), now) : undefined;
  const started = { pipeline, ...(pipelineError !== undefined ? { pipelineError } : {}), ...(pipelineMissing ? { pipelineMissing } : {}), ...(source ? { source } : {}) };
  if (read && 'kept' in read) { const { kept } = read; return { ...started, runs: kept.newest ? [kept.newest] : [], fold: kept.fold, kept }; }
  const folded = read && 'grown' in read && file && pipeline ? await foldAppended(file, read.grown, read.since, pipeline, now) : undefined;
  if (folded) { const { kept } = folded; return { ...started, runs: kept.newest ? [kept.newest] : [], fold: kept.fold, kept, folded: { history: folded.history, since: folded.since } }; }
  const { runs, unreadable, clean } = await readRecentHistory(folder, io, (newestFirst) => gaugeHistoryEnough(newestFirst, pipeline, now),
    { nextLimit: (newestFirst, limit) => nextGaugeWindow(newestFirst, limit, pipeline, now), cached: true });
  // Not used (git's reverts changed since it was kept): these bytes were seen, so the gauge is kept again.
  const seen = (read !== undefined && !('grown' in read)) || !useKept;
  const keepable = file && history && clean && !awaitsCleanUp(runs) ? { keepable: { history, file, seen } } : {};
  return { ...started, runs, ...(unreadable ? { unreadable } : {}), fold: foldHistory(runs, '', now), ...keepable };
}

/**
 * The kept gauge of the bytes `since` with the runs appended after them folded in, when they are
 * only whole new runs, settled, after the kept ones and none awaiting a clean-up (that is the
 * read's to do); else undefined and the window is read.
 */
async function foldAppended(
  file: string, grown: KeptGauge, since: HistoryFingerprint, pipeline: GaugePipeline, now: number,
): Promise<{ kept: KeptGauge; history: HistoryFingerprint; since: HistoryFingerprint } | undefined> {
  // With release tags as deploys, a tag on a commit a run deployed counts only when that run is
  // not among the runs read (mergeDeploys): folded runs reach back further than a read does.
  if (pipeline.gears?.deployTags) { return undefined; }
  // No more runs than the fold takes are read: a gauge kept long ago is not worth the bytes since.
  const appended = await readAppendedRuns(file, since, foldRoom(grown));
  if (!appended || awaitsCleanUp(appended.runs) || !settled(appended.runs, compactRuns(appended.runs).length)) { return undefined; }
  const kept = foldKeptGauge(grown, appended.runs, pipeline, now + FUTURE_SKEW_MS, now);
  return kept ? { kept, history: appended.history, since } : undefined;
}

/**
 * Runs whose records no longer change by time alone: none running (an open run is running while
 * its writer lives, interrupted for good once it is gone), and each with a time of its own (the red
 * fold places a run without one at `now`). `compacted`: how many of them compactRun kept, which for
 * times given as text is exactly those with one (endTimeOf); a time given as a number is asked of
 * endTimeOf itself, which does not take it (no date parsed per run: 10,000 parses cost ≈ 5 ms).
 */
function settled(runs: readonly RunRecord[], compacted: number): boolean {
  return compacted === runs.length && runs.every((r) => r.state !== 'running'
    && ((typeof r.endedAt !== 'number' && typeof r.startedAt !== 'number') || Number.isFinite(endTimeOf(r, NaN))));
}

/**
 * The repository scan, started before anything else: it overlaps all the gauge reads. Only its
 * flags files wait for the pipeline (`start`), which names them as `gearshift flags` reads them.
 */
export function startRepoScan(folder: string, start: Promise<Pick<GaugeStart, 'pipeline'>>): Promise<RepoFacts> {
  const repo = scanRepo(folder, { flags: start.then((s) => s.pipeline?.flags, () => undefined) });
  repo.catch(() => undefined); // awaited later; a failure must not count as unhandled meanwhile
  return repo;
}

export async function gaugeFor(folder: string, configFile: string, io: CliIo, now = Date.now(), read?: GaugeHistory, scan?: Promise<RepoFacts>): Promise<GaugeModel> {
  const repo = scan ?? startRepoScan(folder, Promise.resolve({ pipeline: read?.pipeline }));
  const h = read ?? await readGaugeHistory(folder, configFile, io, now);
  const kept = h.kept && h.pipeline ? await fromKept(folder, h, h.kept, io, now, repo) : undefined;
  // Git's reverts changed since the gauge was kept: its timeline took them, so the runs are read after all.
  return kept ?? fromRuns(folder, h.kept ? await readGaugeHistory(folder, configFile, io, now, false) : h, io, now, repo);
}

/** The gauge from kept facts; undefined when git's reverts changed since (the timeline took them). */
async function fromKept(folder: string, h: GaugeHistory, kept: KeptGauge, io: CliIo, now: number, repo: Promise<RepoFacts>): Promise<GaugeModel | undefined> {
  const pipeline = h.pipeline as GaugePipeline;
  const file = await historyFileOf(folder);
  const git = await gatherGaugeInputs(folder, pipeline, [], { now, memoDir: path.dirname(file), historyDeploys: kept.facts.historyDeploys });
  if (revertsKey(git.reverts) !== kept.reverts) { return undefined; }
  for (const p of git.problems) { io.stderr.write(`gauge: ${printable(p)}\n`); } // git's own words may quote a ref name: data
  const model = computeGauge({ now, pipeline, runs: [], facts: kept.facts, repo: await repo, ...fromGit(git), redPeriods: redSpansOf(kept.fold) });
  const computed = { pipeline, facts: kept.facts, git, repo: await repo, model };
  if (h.folded) { await keepFolded(file, h, h.folded, computed, kept, now); } else { await keepIfStable(h, computed, now); }
  return model;
}

/**
 * After a fold (docs/benchmarks-journal.md, 14g step 5): the gauge is kept for the bytes it now describes
 * only once the bytes folded in since the kept one reach REWRITE_AFTER_BYTES, as the window cache
 * does (writing 2–4.5 MB costs ≈ 15 ms; folding those runs in again, each call, far less). Until
 * then each call folds in the runs since those older bytes, and never finds the gauge kept for its
 * own, which is how a second call on them knows to keep the figures: the first leaves a mark
 * instead (gaugeAnswer.ts). Neither when a line was appended after the fingerprint the figures
 * are keyed on (the fold took it in). The fold's room (foldRoom) counts the runs since the kept
 * gauge's read either way, so no fold is refused for the writes left out.
 */
async function keepFolded(file: string, h: GaugeHistory, folded: NonNullable<GaugeHistory['folded']>, c: Computed, kept: KeptGauge, now: number): Promise<void> {
  if (folded.history.size - folded.since.size >= REWRITE_AFTER_BYTES) { await keepGauge(file, folded.history, pipelineKey(c.pipeline), now, kept); return; }
  if (!h.source || !sameFingerprint(h.source.history, folded.history)) { return; }
  if (await seenBefore(file, folded.history)) { await keepIfStable(h, c, now); } else { await markSeen(file, folded.history); }
}

async function fromRuns(folder: string, h: GaugeHistory, io: CliIo, now: number, repo: Promise<RepoFacts>): Promise<GaugeModel> {
  const { pipeline, pipelineError, pipelineMissing, fold } = h;
  // Compacted once (timestamps parsed once): git's inputs and the gauge both read them.
  const compact = compactRuns(h.runs);
  // Once for both: git's deploy records and the gauge's deploys come from the same runs.
  const historyDeploys = pipeline ? productionDeploys(compact, pipeline) : [];
  // Git's answers are kept beside the history (.git/gearshift/gauge-git.json): HEAD unchanged, no git process.
  const git = await gatherGaugeInputs(folder, pipeline, compact, { now, memoDir: path.dirname(await historyFileOf(folder)), historyDeploys });
  for (const p of git.problems) { io.stderr.write(`gauge: ${printable(p)}\n`); } // git's own words may quote a ref name: data
  // Made here (not inside computeGauge) to be kept; without a pipeline nothing is kept.
  // The window's durations kept sorted: a later call on the kept facts takes its medians by rank (windowDurations.ts).
  const windowFrom = pipeline ? now - gaugeWindowMs(pipeline.gears) : undefined;
  const made = pipeline ? resumableRunFacts(compact, pipeline, { latest: now + FUTURE_SKEW_MS, reverts: git.reverts, historyDeploys, windowFrom }) : undefined;
  const facts = made?.facts;
  const model = computeGauge({
    now, pipeline, ...(pipelineError !== undefined ? { pipelineError } : {}), ...(pipelineMissing ? { pipelineMissing } : {}), runs: compact, ...(facts ? { facts } : {}), historyDeploys, repo: await repo, ...fromGit(git),
    redPeriods: redSpansOf(fold), // the status bar's red rule, so the longest red stretch agrees with it (not DORA's recovery time: failed deployments)
  });
  if (h.keepable && pipeline && made && made.facts.future === 0 && settled(h.runs, compact.length)) {
    await keepRead(h, h.keepable, { pipeline, facts: made.facts, git, repo: await repo, model }, made.resume, now);
  }
  return model;
}

/**
 * Keeps the gauge of a read, for the next call on these bytes and for the call after the next
 * run to fold that run into (docs/benchmarks-journal.md, 14g step 3): only when the file still has the
 * bytes it had before the read (a line appended meanwhile may be in the runs, and would be
 * folded in twice). The figures on the second call on these bytes, as before.
 */
async function keepRead(h: GaugeHistory, keepable: NonNullable<GaugeHistory['keepable']>, c: Computed, resume: FactsResume, now: number): Promise<void> {
  const after = await historyFingerprint(keepable.file);
  if (!after || !sameFingerprint(after, keepable.history)) { return; }
  const kept: KeptGauge = { facts: c.facts, newest: h.runs[0] ?? null, fold: h.fold, reverts: revertsKey(c.git.reverts), resume: keptResume(h.runs, resume) };
  await keepGauge(keepable.file, keepable.history, pipelineKey(c.pipeline), now, kept);
  if (keepable.seen) { await keepIfStable(h, c, now); }
}

interface Computed { pipeline: GaugePipeline; facts: GaugeRunFacts; git: GaugeInputs; repo: RepoFacts; model: GaugeModel }

/**
 * Keeps the printed figures (cli/gaugeAnswer.ts) of a gauge computed from settled runs (kept facts,
 * or facts that could be) when git's memo gave every git answer and the figures hold past `now`.
 */
async function keepIfStable(h: GaugeHistory, c: Computed, now: number): Promise<void> {
  const memo = c.git.memoAnswered;
  if (!memo || !h.source || h.fold.current) { return; }
  const until = gaugeStableUntil({
    now, windowMs: gaugeWindowMs(c.pipeline.gears), facts: c.facts,
    deploys: c.git.tagDeploys.length > 0 ? mergeDeploys(c.facts.historyDeploys, c.git.tagDeploys) : c.facts.historyDeploys,
    commits: c.git.commits, redSpans: redSpansOf(h.fold), gitTimes: memo.times, sprintMs: c.model.source.sprintDays * DAY_MS,
  });
  if (until <= now) { return; }
  const key = { history: h.source.history, pipeline: c.pipeline, git: memo.key, repo: c.repo };
  await keepFigures(h.source.file, key, now, until, { gauge: gaugeJson(c.model), newest: h.runs[0] ?? null });
}

function fromGit(git: GaugeInputs): Pick<GaugeInput, 'tagDeploys' | 'commits' | 'reverts'> {
  return { tagDeploys: git.tagDeploys, commits: git.commitsMeasured ? git.commits : undefined, reverts: git.reverts };
}

/**
 * The `gear --json` / `status --json` shape of the gauge: gear, DORA's five `metrics` (each
 * `{ value, unit, band?, sampleSize, … }`, bands from `bands.year`), the talk's `speed`
 * limits and the checklist.
 */
export function gaugeJson(model: GaugeModel): Record<string, unknown> {
  return {
    gear: {
      number: model.gear.number, name: model.gear.name, limitingFactor: model.gear.limitingFactor, why: model.gear.why,
      // Added (docs/cli.md): while the history is short, its span as text (no ms: it must hold as the kept
      // figures do, gaugeStability.ts); whether a red pipeline holds back 5th gear.
      provisional: model.gear.provisional, heldBack: model.gear.heldBack,
      // Added: the text's "Next, to shift up", in its order (shiftUp.ts), for scripts and dashboards.
      next: model.gear.next,
    },
    metrics: model.dora,
    bands: { source: model.source.bandSource, year: model.source.bandYear, definitions: model.source.definitions, minimumSample: MIN_SAMPLE },
    // `sampleSize` (added): the commits a young history's "9 commits in 20 minutes" counts, as DORA's metrics have.
    speed: Object.fromEntries(model.metrics.map((m) => [m.id, { value: m.value, unit: m.unit, display: m.display, ...(m.sampleSize !== undefined ? { sampleSize: m.sampleSize } : {}) }])),
    checklist: model.checklist,
  };
}
