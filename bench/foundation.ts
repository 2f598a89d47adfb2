import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Figure, kb, median } from './report';

const root = path.resolve(__dirname, '..', '..');

/** Bundle and .vsix sizes, and activation time measured inside the real extension host. */
export function foundationFigures(runs = Number(process.env.GEARSHIFT_BENCH_RUNS ?? 5)): Figure[] {
  const figures: Figure[] = [];
  for (const f of ['dist/extension.js', 'dist/cli.js', 'gearshift.vsix']) {
    const p = path.join(root, f);
    figures.push({ name: f, value: fs.existsSync(p) ? kb(fs.statSync(p).size) : 'missing (run npm run package)' });
  }
  // Loaded on first use, not at activation: the YAML parser, automation, deploy, gauge.
  const dist = path.join(root, 'dist');
  const chunks = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => f.endsWith('.chunk.js')).sort() : [];
  if (chunks.length > 0) {
    figures.push({ name: 'lazy chunks (loaded on first use)', value: kb(chunks.reduce((sum, c) => sum + fs.statSync(path.join(dist, c)).size, 0)), note: chunks.map((c) => `${c} ${kb(fs.statSync(path.join(dist, c)).size)}`).join(', ') });
  }
  // A cold code-server host per sample. GEARSHIFT_BENCH_BASELINE=<another checkout, built and compiled>
  // alternates its hosts with ours, so both see the same machine load (a paired figure).
  const baseline = process.env.GEARSHIFT_BENCH_BASELINE;
  const baselineVsix = packageBaselineExtension();
  const ours: Activation[] = [];
  const theirs: Activation[] = [];
  let vscodeVersion = '';
  for (let i = 0; i < runs; i++) {
    for (const [checkout, samples] of baseline ? [[baseline, theirs], [root, ours]] as const : [[root, ours]] as const) {
      const m = activationInColdHost(checkout, i, baselineVsix);
      if (typeof m === 'string') { figures.push({ name: 'activation', value: 'failed', note: m }); return figures; }
      samples.push(m);
      vscodeVersion = m.vscode;
    }
  }
  if (baselineVsix) { fs.rmSync(baselineVsix, { force: true }); }
  figures.push(...vscodeFigures(ours));
  figures.push(...activationFigures('activation', ours, `${runs} cold extension hosts, VS Code ${vscodeVersion}`));
  if (baseline) {
    figures.push(...activationFigures('baseline activation', theirs, baseline));
    figures.push({ name: 'activation ÷ baseline (median of paired ratios)', value: `${median(ours.map((o, i) => o.activationMs / theirs[i].activationMs)).toFixed(3)}×` });
  }
  return figures;
}

/** What VS Code itself measured (test/integration/vscodeActivationTimes.ts): its figures, and its marks in ms from willLoadExtensionCode. */
interface VscodeTimes { codeLoadingTime: number; activateCallTime: number; activateResolvedTime: number }
interface Marks { codeLoaded: number; activateCalled: number; activated: number }
interface Activation {
  activationMs: number; activateCalledMs?: number; moduleEvaluatedMs?: number; vscode: string;
  vscodeTimes?: VscodeTimes; marks?: Marks; baselineTimes?: VscodeTimes; baselineMarks?: Marks;
}

/** bench/baselineExtension packaged once per bench run, installed next to Gearshift in every host; undefined if vsce failed. */
function packageBaselineExtension(): string | undefined {
  const vsix = path.join(os.tmpdir(), `gearshift-bench-baseline-${process.pid}.vsix`);
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
    { cwd: path.join(root, 'bench', 'baselineExtension'), encoding: 'utf8' });
  return r.status === 0 ? vsix : undefined;
}
/** "Developer: Show Running Extensions" shows load code + call activate. */
const runningExtensionsMs = (t: VscodeTimes): number => t.codeLoadingTime + t.activateCallTime;

/** VS Code's own activation figure for Gearshift and for an empty extension activated with it in the same hosts. */
function vscodeFigures(xs: Activation[]): Figure[] {
  if (!xs.every((x) => x.vscodeTimes)) { return [{ name: 'VS Code activation time (Running Extensions)', value: 'not reported by this build' }]; }
  const ms = (v: number[]): string => `${median(v).toFixed(1)} ms median`;
  const samples = (v: number[]): string => `samples ${v.map((s) => s.toFixed(0)).join(', ')} ms`;
  const times = xs.map((x) => x.vscodeTimes as VscodeTimes);
  const shown = times.map(runningExtensionsMs);
  const parts = `load code ${ms(times.map((t) => t.codeLoadingTime))}, call activate ${ms(times.map((t) => t.activateCallTime))}, finish activate ${ms(times.map((t) => t.activateResolvedTime))}`;
  const figures: Figure[] = [{ name: 'VS Code activation time (Running Extensions: load code + call activate)', value: ms(shown), note: `${parts}; ${samples(shown)}` }];
  if (xs.every((x) => x.marks)) {
    const wait = xs.map((x) => (x.marks as Marks).activateCalled - (x.marks as Marks).codeLoaded);
    figures.push({ name: 'VS Code: code loaded → activate called (waiting for the context; in no VS Code figure)', value: ms(wait), note: samples(wait) });
  }
  if (xs.every((x) => x.baselineTimes)) {
    const base = xs.map((x) => runningExtensionsMs(x.baselineTimes as VscodeTimes));
    figures.push({ name: 'VS Code activation time, empty extension in the same hosts', value: ms(base), note: samples(base) });
    // Date.now() resolution: a 0 ms baseline would divide by zero, so the difference is printed too.
    const ratio = median(base) > 0 ? `; ratio of medians ${(median(shown) / median(base)).toFixed(2)}×` : '';
    figures.push({ name: 'Gearshift − empty extension (median of per-host differences)', value: ms(shown.map((g, i) => g - base[i])), note: `whole ms (VS Code uses Date.now())${ratio}` });
  }
  return figures;
}

/** The whole figure, and (when the build reports it) its split at the moment VS Code called `activate`. */
function activationFigures(name: string, xs: Activation[], note: string): Figure[] {
  const ms = (v: number[]): string => `${median(v).toFixed(1)} ms median`;
  const line = (v: number[]): string => `samples ${v.map((s) => s.toFixed(1)).join(', ')} ms`;
  const total = xs.map((x) => x.activationMs);
  const figures = [{ name: `${name} (module load → end of activate)`, value: ms(total), note: `${note}; ${line(total)}` }];
  if (xs.every((x) => x.activateCalledMs !== undefined)) {
    const before = xs.map((x) => x.activateCalledMs as number);
    const body = xs.map((x) => x.activationMs - (x.activateCalledMs as number));
    figures.push({ name: `${name}: module load → activate called`, value: ms(before), note: line(before) });
    if (xs.every((x) => x.moduleEvaluatedMs !== undefined)) {
      const evaluated = xs.map((x) => x.moduleEvaluatedMs as number);
      figures.push({ name: `${name}: of which evaluating the bundle`, value: ms(evaluated), note: line(evaluated) });
    }
    figures.push({ name: `${name}: activate itself`, value: ms(body), note: line(body) });
  }
  return figures;
}

/** One cold code-server host running the activation suite of `checkout`: its figures, or the failure's tail. */
function activationInColdHost(checkout: string, i: number, baselineVsix: string | undefined): Activation | string {
  const out = path.join(os.tmpdir(), `gearshift-bench-activation-${process.pid}-${i}.json`);
  const r = spawnSync(process.execPath, [path.join(checkout, 'out/test/harness/runIntegration.js')], {
    env: { ...process.env, GEARSHIFT_TEST_GREP: 'activates on a workspace', GEARSHIFT_BENCH_FILE: out, ...(baselineVsix ? { GEARSHIFT_BENCH_BASELINE_EXTENSION: baselineVsix } : {}) },
    encoding: 'utf8',
  });
  if (r.status !== 0 || !fs.existsSync(out)) { return (r.stdout + r.stderr).slice(-500); }
  const m = JSON.parse(fs.readFileSync(out, 'utf8')) as Activation;
  fs.rmSync(out, { force: true });
  return m;
}
