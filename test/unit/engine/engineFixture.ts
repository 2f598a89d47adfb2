/** Real repos and bounded waits for the PipelineEngine tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PipelineEngine } from '../../../src/core/engine';
import { deployRunHooks } from '../../../src/core/deploy';
import type { EngineEvent } from '../../../src/core/engine/events';
import type { EngineOptions } from '../../../src/core/engine/options';
import { createFixtureRepo } from '../../support/fixtureRepo';
import * as assert from 'node:assert';
import type { RunRecord } from '../../../src/core/pipeline/types';

export class Repos {
  private readonly dirs: string[] = [];

  make(pipeline: string): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-engine-')));
    this.dirs.push(dir);
    createFixtureRepo(dir, { pipeline });
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) { fs.rmSync(dir, { recursive: true, force: true }); }
  }
}

export function historyFile(repo: string): string {
  return path.join(repo, '.git', 'gearshift', 'history.jsonl');
}

/** A stage that blocks until `release(repo, name)` creates its file (bounded: exits 9 after ~10s). */
export function blockingStage(name: string): string {
  return `  - name: ${name}\n    run: "echo waiting; i=0; while [ ! -e release-${name} ]; do i=$((i+1)); [ $i -gt 500 ] && exit 9; sleep 0.02; done"\n`;
}

export function release(repo: string, name: string): void {
  fs.writeFileSync(path.join(repo, `release-${name}`), '');
}

/** Every event the engine emits, and a way to await one. */
export class Recorder {
  readonly events: EngineEvent[] = [];
  private waiters: Array<{ match: (e: EngineEvent) => boolean; resolve: (e: EngineEvent) => void }> = [];

  constructor(engine: PipelineEngine) {
    engine.onEvent((e) => {
      this.events.push(e);
      this.waiters = this.waiters.filter((w) => { if (w.match(e)) { w.resolve(e); return false; } return true; });
    });
  }

  /** Resolves with the first event (already seen or future) after index `from` that matches. */
  next(match: (e: EngineEvent) => boolean, from = 0, ms = 15_000): Promise<EngineEvent> {
    const seen = this.events.slice(from).find(match);
    if (seen) { return Promise.resolve(seen); }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`expected engine event never came within ${ms}ms`)), ms);
      this.waiters.push({ match, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  }

  types(): string[] { return this.events.filter((e) => e.type !== 'stageOutput').map((e) => e.type); }
}

/** Live (non-zombie) pids in process group `pgid`, from /proc: an unreaped zombie is not a survivor. */
export function liveGroupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) { continue; }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // comm may hold spaces
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') { pids.push(Number(entry)); }
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Engines a test makes on its repos, all disposed (and the repos removed) after each test. */
export function engineTestbed(): { repos: Repos; engineFor(folder: string, opts?: Partial<EngineOptions>): PipelineEngine } {
  const repos = new Repos();
  const engines: PipelineEngine[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.dispose()));
    repos.cleanup();
  });
  return {
    repos,
    engineFor: (folder, opts = {}) => {
      const engine = new PipelineEngine({ hooks: deployRunHooks(), folder, color: false, killGraceMs: 500, ...opts });
      engines.push(engine);
      return engine;
    },
  };
}

/** A whole run whose stage `test ! -e broken` fails when `red` (the file made) and passes when not; resolves once settled. */
export async function runBrokenOrNot(engine: PipelineEngine, repo: string, red: boolean): Promise<RunRecord> {
  const broken = path.join(repo, 'broken');
  if (red) { fs.writeFileSync(broken, ''); } else { fs.rmSync(broken, { force: true }); }
  const outcome = await engine.start({ trigger: 'test' });
  assert.strictEqual(outcome.kind, 'started');
  const record = await (outcome as { done: Promise<RunRecord> }).done;
  await engine.settle();
  assert.strictEqual(record.state, red ? 'red' : 'green');
  return record;
}
