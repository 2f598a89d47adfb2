/** The gauge for a folder, computed the same way as the VS Code view, for `gear` and `status --json`. */
import { loadPipeline } from '../core/config';
import { computeGauge, gatherGaugeInputs, MIN_SAMPLE, redSpansFromHistory, scanRepo, type GaugeModel } from '../core/gears';
import { historyFileOf, readHistoryFile } from './historyRead';
import type { CliIo } from './io';

export async function gaugeFor(folder: string, configFile: string, io: CliIo): Promise<GaugeModel> {
  const now = Date.now();
  const loaded = await loadPipeline(configFile);
  const pipeline = loaded.ok ? loaded.pipeline : undefined;
  const file = await historyFileOf(folder);
  // Git (tags, commits, lead time) needs the runs' deploys; the repository scan does not.
  const fromHistoryAndGit = readHistoryFile(file, io, undefined, folder).then(async (read) => ({ ...read, git: await gatherGaugeInputs(folder, pipeline, read.runs, { now }) }));
  const [{ runs, git }, repo] = await Promise.all([fromHistoryAndGit, scanRepo(folder)]);
  for (const p of git.problems) { io.stderr.write(`gauge: ${p}\n`); }
  return computeGauge({
    now, pipeline, runs, repo, tagDeploys: git.tagDeploys, commits: git.commitsMeasured ? git.commits : undefined, reverts: git.reverts,
    redPeriods: redSpansFromHistory(runs, now), // the status bar's red rule, so time to restore agrees with it
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
