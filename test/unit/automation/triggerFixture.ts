/**
 * A real repository with a `.gearshift.yml`, a real engine and a real CommitTrigger (with its
 * own tracker), plus an event log that waits for what a test expects with a bounded timeout.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CommitTrigger } from '../../../src/core/automation/commitTrigger';
import type { TriggerEvent } from '../../../src/core/automation/types';
import { PipelineEngine } from '../../../src/core/engine/engine';
import { cleanupTempDirs, commit, git, gitEnv, initRepo, tempDir } from '../../support/git';
import { deployRunHooks } from '../../../src/core/deploy';
import { RESUME_FILE } from '../../../src/core/automation/resumeMark';

export type Ev<T extends TriggerEvent['type']> = Extract<TriggerEvent, { type: T }>;

/** Every trigger event since start, and a way to wait for one. */
export class TriggerLog {
  readonly events: TriggerEvent[] = [];
  private waiters: (() => void)[] = [];

  constructor(trigger: CommitTrigger) {
    trigger.onEvent((e) => {
      this.events.push(e);
      for (const w of this.waiters.splice(0)) { w(); }
    });
  }

  async waitFor<T extends TriggerEvent['type']>(type: T, pred: (e: Ev<T>) => boolean = () => true, ms = 15_000): Promise<Ev<T>> {
    return this.first(type, (e): e is Ev<T> => e.type === type && pred(e as Ev<T>), ms);
  }

  /** The first event, of any type, that `pred` accepts (bounded); `what` names it in the failure. */
  async first<E extends TriggerEvent>(what: string, pred: (e: TriggerEvent) => e is E, ms = 15_000): Promise<E> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(pred);
      if (hit) { return hit; }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no ${what} event within ${ms} ms; events: ${JSON.stringify(this.events.map((e) => summary(e)))}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** The run for `sha` (by the plan's sha) ended. */
  ended(sha: string, ms?: number): Promise<Ev<'runEnded'>> {
    return this.waitFor('runEnded', (e) => e.plan.sha === sha, ms);
  }

  seen(sha: string): Promise<Ev<'commitSeen'>> {
    return this.waitFor('commitSeen', (e) => e.commit.sha === sha);
  }

  of<T extends TriggerEvent['type']>(type: T): Ev<T>[] {
    return this.events.filter((e): e is Ev<T> => e.type === type);
  }
}

function summary(e: TriggerEvent): string {
  if (e.type === 'commitSeen') { return `commitSeen ${e.commit.sha.slice(0, 7)} ${e.decision.message}`; }
  if (e.type === 'runNotStarted') { return `runNotStarted ${e.plan.sha.slice(0, 7)}: ${e.reason}`; } // why, for a failure's message
  if ('plan' in e) { return `${e.type} ${e.plan.sha.slice(0, 7)} [${e.plan.covers.map((c) => c.slice(0, 7)).join(',')}]`; }
  return e.type;
}

export interface Harness {
  repo: string;
  /** A folder outside the repository for files stages write ($OUT, $RELEASE). */
  scratch: string;
  engine: PipelineEngine;
  trigger: CommitTrigger;
  log: TriggerLog;
  lines: string[];
}

/** A stage that waits for `$RELEASE` to exist (bounded: exits 9 after ~10 s). */
export const WAIT_FOR_RELEASE = 'i=0; while [ ! -e "$RELEASE" ]; do i=$((i+1)); [ $i -gt 500 ] && exit 9; sleep 0.02; done';

export class Harnesses {
  private readonly live: Harness[] = [];

  /** A repo whose first commit holds `pipeline`; the trigger is started before this resolves. */
  async make(pipeline: string, opts: { start?: boolean } = {}): Promise<Harness> {
    const repo = initRepo(tempDir('gearshift-trigger-'));
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), pipeline);
    git(repo, 'add', '.gearshift.yml');
    commit(repo, 'Add pipeline');
    const scratch = tempDir('gearshift-trigger-out-');
    const engine = new PipelineEngine({ hooks: deployRunHooks(),
      folder: repo, color: false, killGraceMs: 500,
      baseEnv: gitEnv({ OUT: path.join(scratch, 'out'), RELEASE: path.join(scratch, 'release'), FAIL: path.join(scratch, 'fail') }),
    });
    const lines: string[] = [];
    const trigger = new CommitTrigger({ engine, log: (l) => lines.push(l) });
    const h = { repo, scratch, engine, trigger, log: new TriggerLog(trigger), lines };
    this.live.push(h);
    if (opts.start !== false) { await trigger.start(); }
    return h;
  }

  async cleanup(): Promise<void> {
    for (const h of this.live.splice(0)) {
      await h.trigger.dispose();
      await h.engine.dispose();
    }
    cleanupTempDirs();
  }
}

export function release(h: Harness): void {
  fs.writeFileSync(path.join(h.scratch, 'release'), '');
}

export function outLines(h: Harness): string[] {
  const file = path.join(h.scratch, 'out');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
}

/** `.gearshift.yml` text: `trigger: commit` unless `head` says otherwise, then the stages. */
export function pipelineYaml(stages: Array<{ name: string; run: string; extra?: string[] }>, head: string[] = ['trigger: commit']): string {
  const lines = ['version: 1', ...head, 'stages:'];
  for (const s of stages) {
    lines.push(`  - name: ${s.name}`, `    run: ${JSON.stringify(s.run)}`, ...(s.extra ?? []).map((l) => `    ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The resume marks in `dataDir`'s commits-seen.json, by git dir ({} when there is none). */
export function resumeMarks(dataDir: string): Record<string, number | { at: number; offset?: number; tail?: string }> {
  const file = path.join(dataDir, RESUME_FILE);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as ReturnType<typeof resumeMarks> : {};
}

/** Waits (bounded) for a mark of time `after` or later that, if it has a position, read the reflog up to byte `readTo`; returns it. */
export async function markSaved(dataDir: string, after: number, readTo?: number): Promise<{ at: number; offset?: number; tail?: string }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const marks = Object.values(resumeMarks(dataDir)).map((m) => (typeof m === 'number' ? { at: m } : m));
    const hit = marks.find((m) => m.at >= after && (readTo === undefined || m.offset === undefined || m.offset >= readTo));
    if (hit) { return hit; }
    if (Date.now() > deadline) { throw new Error(`no mark after ${after} in ${dataDir}: ${JSON.stringify(marks)}`); }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
