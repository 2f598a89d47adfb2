import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Figure, kb, median } from './report';

const root = path.resolve(__dirname, '..', '..');

/** Bundle and .vsix sizes, and activation time measured inside the real extension host. */
export function foundationFigures(runs = 3): Figure[] {
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
  const samples: number[] = [];
  let vscodeVersion = '';
  for (let i = 0; i < runs; i++) {
    const out = path.join(os.tmpdir(), `gearshift-bench-activation-${process.pid}-${i}.json`);
    const r = spawnSync(process.execPath, [path.join(root, 'out/test/harness/runIntegration.js')], {
      env: { ...process.env, GEARSHIFT_TEST_GREP: 'activates on a workspace', GEARSHIFT_BENCH_FILE: out },
      encoding: 'utf8',
    });
    if (r.status !== 0 || !fs.existsSync(out)) {
      figures.push({ name: 'activation', value: 'failed', note: (r.stdout + r.stderr).slice(-500) });
      return figures;
    }
    const m = JSON.parse(fs.readFileSync(out, 'utf8')) as { activationMs: number; vscode: string };
    fs.rmSync(out, { force: true });
    samples.push(m.activationMs);
    vscodeVersion = m.vscode;
  }
  figures.push({
    name: 'activation (module load → end of activate)',
    value: `${median(samples).toFixed(1)} ms median`,
    note: `${runs} cold extension hosts, VS Code ${vscodeVersion}; samples ${samples.map((s) => s.toFixed(1)).join(', ')} ms`,
  });
  return figures;
}
