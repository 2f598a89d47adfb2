import { spawn } from 'child_process';
import * as path from 'path';
import { projectRoot } from './paths';

/**
 * `npm test`: lint, build and package, then every suite — unit (plain node, in-process, parallel),
 * system (real processes: the CLI binary, the demo, big streams, packaging), integration (real
 * extension host) and e2e (real UI). Each step's time is printed; each suite prints `N passed,
 * N failed`, which this adds up, exiting non-zero if anything failed. Set GEARSHIFT_SKIP_VSCODE=1 to run only what needs no
 * VS Code (quick local loop; never in CI).
 */

interface Step { name: string; cmd: string; args: string[]; suite: boolean; needed: boolean }

const node = process.execPath;
const bin = (p: string): string => path.join(projectRoot, 'node_modules', '.bin', p);
const skipVscode = process.env.GEARSHIFT_SKIP_VSCODE === '1' && process.env.CI !== 'true';

const steps: Step[] = [
  { name: 'lint', cmd: bin('eslint'), args: ['.', '--max-warnings=0'], suite: false, needed: false },
  // The webview's script, type-checked against the message protocol (media/tsconfig.json).
  { name: 'typecheck webview', cmd: bin('tsc'), args: ['-p', 'media'], suite: false, needed: false },
  { name: 'build + package', cmd: 'npm', args: ['run', '--silent', 'package'], suite: false, needed: true },
  { name: 'unit', cmd: bin('mocha'), args: [], suite: true, needed: false },
  { name: 'system', cmd: bin('mocha'), args: ['--config', '.mocharc.system.json'], suite: true, needed: false },
  ...(skipVscode ? [] : [
    { name: 'integration', cmd: node, args: [path.join(projectRoot, 'out/test/harness/runIntegration.js')], suite: true, needed: false },
    { name: 'e2e', cmd: node, args: [path.join(projectRoot, 'out/test/harness/runE2e.js')], suite: true, needed: false },
  ]),
];

function run(step: Step): Promise<{ code: number; passed: number; failed: number; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    console.log(`\n=== ${step.name} ===`);
    const child = spawn(step.cmd, step.args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let last = { passed: 0, failed: 0, seen: false };
    let pending = '';
    child.stdout.on('data', (b: Buffer) => {
      process.stdout.write(b);
      const lines = (pending + b.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) {
        const m = /^(\d+) passed, (\d+) failed/.exec(l.trim());
        // A step may run several mocha sessions (e2e: trusted + untrusted): add them up.
        if (m) { last = { passed: last.passed + Number(m[1]), failed: last.failed + Number(m[2]), seen: true }; }
      }
    });
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000;
      const c = code ?? 1;
      // A suite that died before reporting still counts as a failure.
      const failed = step.suite && c !== 0 && last.failed === 0 ? 1 : last.failed;
      resolve({ code: c, passed: last.passed, failed, seconds });
    });
  });
}

async function main(): Promise<number> {
  let passed = 0;
  let failed = 0;
  const report: string[] = [];
  for (const step of steps) {
    const r = await run(step);
    report.push(`${step.name.padEnd(16)} ${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.seconds.toFixed(1).padStart(6)} s` +
      (step.suite ? `   ${r.passed} passed, ${r.failed} failed` : ''));
    if (step.suite) { passed += r.passed; failed += r.failed; } else if (r.code !== 0) { failed += 1; }
    if (r.code !== 0 && step.needed) { console.error(`\n${step.name} failed: the suites after it cannot run.`); break; }
  }
  if (skipVscode) { report.push('integration, e2e  skipped (GEARSHIFT_SKIP_VSCODE=1)'); }
  console.log(`\n${report.join('\n')}`);
  console.log(`Total: ${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

void main().then((code) => process.exit(code));
