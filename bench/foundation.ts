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
  const ours: Activation[] = [];
  const theirs: Activation[] = [];
  let vscodeVersion = '';
  for (let i = 0; i < runs; i++) {
    for (const [checkout, samples] of baseline ? [[baseline, theirs], [root, ours]] as const : [[root, ours]] as const) {
      const m = activationInColdHost(checkout, i);
      if (typeof m === 'string') { figures.push({ name: 'activation', value: 'failed', note: m }); return figures; }
      samples.push(m);
      vscodeVersion = m.vscode;
    }
  }
  figures.push(...activationFigures('activation', ours, `${runs} cold extension hosts, VS Code ${vscodeVersion}`));
  if (baseline) {
    figures.push(...activationFigures('baseline activation', theirs, baseline));
    figures.push({ name: 'activation ÷ baseline (median of paired ratios)', value: `${median(ours.map((o, i) => o.activationMs / theirs[i].activationMs)).toFixed(3)}×` });
  }
  return figures;
}

interface Activation { activationMs: number; activateCalledMs?: number; moduleEvaluatedMs?: number; vscode: string }

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
function activationInColdHost(checkout: string, i: number): Activation | string {
  const out = path.join(os.tmpdir(), `gearshift-bench-activation-${process.pid}-${i}.json`);
  const r = spawnSync(process.execPath, [path.join(checkout, 'out/test/harness/runIntegration.js')], {
    env: { ...process.env, GEARSHIFT_TEST_GREP: 'activates on a workspace', GEARSHIFT_BENCH_FILE: out },
    encoding: 'utf8',
  });
  if (r.status !== 0 || !fs.existsSync(out)) { return (r.stdout + r.stderr).slice(-500); }
  const m = JSON.parse(fs.readFileSync(out, 'utf8')) as Activation;
  fs.rmSync(out, { force: true });
  return m;
}
