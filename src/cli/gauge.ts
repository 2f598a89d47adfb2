/** The gauge for a folder, computed the same way as the VS Code view, for `gear` and `status --json`. */
import * as path from 'path';
import { loadPipeline, ParseMemo } from '../core/config';
import {
  compactRuns, computeGauge, gatherGaugeInputs, gaugeHistoryEnough, MIN_SAMPLE, nextGaugeWindow, productionDeploys, scanRepo,
  type GaugeModel, type GaugePipeline,
} from '../core/gears';
import type { RunRecord } from '../core/pipeline';
import { foldHistory, redSpansOf, type HistoryFold } from '../core/redgreen';
import { historyFileOf, readRecentHistory } from './historyRead';
import { displayPath } from './paths';
import type { CliIo } from './io';
import { installParseStore } from './parseCache';

export interface GaugeHistory {
  pipeline: GaugePipeline | undefined;
  /** The first error of a .gearshift.yml that did not load (`file:line:col: message`). */
  pipelineError?: string;
  runs: RunRecord[];
  /** The history file could not be read at all (said on stderr). */
  unreadable?: true;
  /** foldHistory(runs, '', now): the red period `status` shows and the spans the gauge takes, from one pass. */
  fold: HistoryFold;
}

/**
 * The pipeline and the runs the gauge needs, newest first: read from the history's end only as
 * far back as the window needs (gaugeHistory.ts), the whole file only when nothing there lets
 * the reader stop. They also answer `status` (they reach back past the last fully green run).
 */
export async function readGaugeHistory(folder: string, configFile: string, io: CliIo, now: number): Promise<GaugeHistory> {
  installParseStore(io.env); // as `gearshift run`: an unchanged config is not parsed again (cli/parseCache.ts), no YAML library loaded
  const loaded = await loadPipeline(configFile, new ParseMemo());
  const pipeline = loaded.ok ? loaded.pipeline : undefined;
  const error = loaded.ok ? undefined : loaded.errors[0];
  const pipelineError = error && `${displayPath(error.file, io.cwd)}:${error.line}:${error.col}: ${error.message}`;
  const { runs, unreadable } = await readRecentHistory(folder, io, (newestFirst) => gaugeHistoryEnough(newestFirst, pipeline, now),
    (newestFirst, limit) => nextGaugeWindow(newestFirst, limit, pipeline, now), true);
  return { pipeline, ...(pipelineError !== undefined ? { pipelineError } : {}), runs, ...(unreadable ? { unreadable } : {}), fold: foldHistory(runs, '', now) };
}

export async function gaugeFor(folder: string, configFile: string, io: CliIo, now = Date.now(), read?: GaugeHistory): Promise<GaugeModel> {
  // Git (tags, commits, lead time) needs the runs' deploys; the repository scan does not.
  // Compacted once (timestamps parsed once): git's inputs and the gauge both read them.
  const fromHistoryAndGit = (read ? Promise.resolve(read) : readGaugeHistory(folder, configFile, io, now))
    .then(async (h) => {
      // Not remembered from gaugeHistoryEnough's check: kept alive that long, the compact runs cost more in scavenges than compacting again (+5 % CPU).
      const compact = compactRuns(h.runs);
      // Once for both: git's deploy records and the gauge's deploys come from the same runs.
      return { ...h, compact, historyDeploys: h.pipeline ? productionDeploys(compact, h.pipeline) : [] };
    })
    // Git's answers are kept beside the history (.git/gearshift/gauge-git.json): HEAD unchanged, no git process.
    .then(async (h) => ({ ...h, git: await gatherGaugeInputs(folder, h.pipeline, h.compact, { now, memoDir: path.dirname(await historyFileOf(folder)), historyDeploys: h.historyDeploys }) }));
  const [{ pipeline, pipelineError, fold, compact, historyDeploys, git }, repo] = await Promise.all([fromHistoryAndGit, scanRepo(folder)]);
  for (const p of git.problems) { io.stderr.write(`gauge: ${p}\n`); }
  return computeGauge({
    now, pipeline, ...(pipelineError !== undefined ? { pipelineError } : {}), runs: compact, historyDeploys, repo, tagDeploys: git.tagDeploys, commits: git.commitsMeasured ? git.commits : undefined, reverts: git.reverts,
    redPeriods: redSpansOf(fold), // the status bar's red rule, so time to restore agrees with it
  });
}

/**
 * The `gear --json` / `status --json` shape of the gauge: gear, DORA's five `metrics` (each
 * `{ value, unit, band?, sampleSize, … }`, bands from `bands.year`), the talk's `speed`
 * limits and the checklist.
 */
export function gaugeJson(model: GaugeModel): Record<string, unknown> {
  return {
    gear: { number: model.gear.number, name: model.gear.name, limitingFactor: model.gear.limitingFactor, why: model.gear.why },
    metrics: model.dora,
    bands: { source: model.source.bandSource, year: model.source.bandYear, definitions: model.source.definitions, minimumSample: MIN_SAMPLE },
    speed: Object.fromEntries(model.metrics.map((m) => [m.id, { value: m.value, unit: m.unit, display: m.display }])),
    checklist: model.checklist,
  };
}
