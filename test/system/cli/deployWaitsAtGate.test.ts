import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { commit } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { cliEnv, ensureCliBuilt, ROOT, runCli } from './cliProcess';
import { hasScript, PtyCli } from './ptyCli';

/**
 * review39 L7: a deploy refused because a run of this pipeline, in another process, waits at a manual gate says it
 * waits for approval of that gate and how to get on, not only "in progress". Where to go is what the run lock records
 * of its holder (the editor, `gearshift watch`, a terminal's command), not a guess from the run's trigger.
 * The bundled CLI, a real pty, real git; the editor's holder is a real node process driving the engine as the extension host does.
 */
describe('gearshift deploy while another process\'s run waits at a gate (real pty)', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  before(function () {
    this.timeout(300_000);
    if (!hasScript()) { this.skip(); }
    ensureCliBuilt();
  });
  afterEach(() => ws.cleanup());

  const stages = [
    { name: 'Unit Tests', run: 'echo tested' },
    { name: 'Deploy Staging', run: 'echo staged', extra: ['environment: non-prod'] },
    { name: 'Release Gate', run: 'echo released', extra: ['approval: manual'] },
  ];
  const REFUSED = '^gearshift deploy: another run of this pipeline is in progress: .*: it waits for approval of "Release Gate": ';

  /** `gearshift deploy non-prod` refused (exit 2): its one line of words. */
  async function refusal(repo: string): Promise<string> {
    const r = await runCli(['deploy', 'non-prod'], { cwd: repo });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    return r.stderr;
  }

  it('`gearshift run`: the terminal that started it, its pid, Ctrl+C; exit 2', async () => {
    const repo = ws.repo(pipeline(stages));
    const term = new PtyCli(['run'], { cwd: repo });
    try {
      await term.waitFor(/Approve stage "Release Gate"\? \[y\/N\] /);
      assert.match(await refusal(repo), new RegExp(`${REFUSED}answer it in the terminal that started it \\(pid \\d+\\), or stop it there with Ctrl\\+C$`, 'm'));
    } finally {
      term.type('n\r');
      await term.done;
    }
  });

  it('a terminal\'s `gearshift deploy production` (trigger deploy, as the editor\'s deploys): the terminal, not VS Code', async () => {
    const repo = ws.repo(pipeline([...stages, { name: 'Deploy Prod', run: 'echo live', extra: ['environment: production'] }]));
    const term = new PtyCli(['deploy', 'production'], { cwd: repo });
    try {
      await term.waitFor(/\[y\/N\] /);
      term.type('y\r');
      await term.waitFor(/Approve stage "Release Gate"\? \[y\/N\] /);
      const said = await refusal(repo);
      assert.match(said, new RegExp(`${REFUSED}answer it in the terminal that started it \\(pid \\d+\\), or stop it there with Ctrl\\+C$`, 'm'));
      assert.doesNotMatch(said, /VS Code/);
    } finally {
      term.type('n\r');
      await term.done;
    }
  });

  it('`gearshift watch`: the terminal running it, not VS Code', async () => {
    const repo = ws.repo(pipeline(stages).replace('version: 1\n', 'version: 1\ntrigger: commit\n'));
    const term = new PtyCli(['watch'], { cwd: repo });
    try {
      await term.waitFor(/watching .* for new commits/);
      commit(repo, 'feat: watched');
      await term.waitFor(/Approve stage "Release Gate"\? \[y\/N\] /);
      const said = await refusal(repo);
      assert.match(said, new RegExp(`${REFUSED}answer it in the terminal running \`gearshift watch\` \\(pid \\d+\\), or stop it there$`, 'm'));
      assert.doesNotMatch(said, /VS Code/);
    } finally {
      term.type('n\r');
      term.type('\x03');
      await term.done;
    }
  });

  it('the editor\'s run (a commit\'s, which `gearshift watch` could also have started): VS Code only', async () => {
    const repo = ws.repo(pipeline(stages));
    const host = new EditorHost(repo);
    try {
      await host.asked;
      const said = await refusal(repo);
      assert.match(said, new RegExp(`${REFUSED}answer it in VS Code \\(Gearshift: Answer Waiting Approval…\\), or stop it there \\(Gearshift: Stop Pipeline\\)$`, 'm'));
      assert.doesNotMatch(said, /terminal|Ctrl\+C/);
    } finally {
      await host.stop();
    }
  });
});

/** A node process holding a run as VS Code's extension host does (core/engine with `holderKind: 'editor'`); the gate asks and waits. */
class EditorHost {
  private readonly child;
  readonly asked: Promise<void>;
  constructor(repo: string) {
    const engine = path.join(ROOT, 'out', 'src', 'core', 'engine', 'engine.js');
    const script = `const { PipelineEngine } = require(${JSON.stringify(engine)});
      const e = new PipelineEngine({ folder: process.argv[1], holderKind: 'editor', approve: () => { process.stdout.write('asked\\n'); return new Promise(() => {}); } });
      e.start({ trigger: 'commit' }).then((o) => { if (o.kind !== 'started') { process.stdout.write('refused ' + JSON.stringify(o) + '\\n'); process.exit(3); } });
      process.stdin.on('end', () => { e.cancel('test over'); void e.dispose().then(() => process.exit(0)); }).resume();`;
    this.child = spawn(process.execPath, ['-e', script, repo], { env: cliEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    this.asked = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the editor's gate never asked: ${out}`)), 30_000);
      this.child.stdout.setEncoding('utf8').on('data', (s: string) => { out += s; if (out.includes('asked')) { clearTimeout(timer); resolve(); } });
      this.child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the editor's process ended (${code}): ${out}`)); });
    });
  }
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) { return; }
    const ended = new Promise((resolve) => this.child.on('exit', resolve));
    this.child.stdin.end();
    await ended;
  }
}
