/**
 * A deploy refused because another process's run holds the run lock: when that run waits at a manual gate, say so and
 * how to get on (review39 L7), as "in progress" alone hid that it waits for a person. History has no line for a gate
 * that waits, so it is read off what history and the lock do say: the holder's run is running, every stage before a
 * `approval: manual` stage ended, and no stage process was started for it or for any other stage still open.
 */
import type { PipelineEngine } from '../../core/engine';
import { beforeProductionDeploy } from '../../core/history';
import { holderKind, RunLock, type LockHolder } from '../../core/lock';
import type { RunRecord } from '../../core/pipeline';

/** The refusal the run lock gives (core/lock/runLock.ts). */
const LOCK_HELD = /^another run of this pipeline is in progress/;

/** `message`, with the gate the lock holder's run waits at and the way out, when one waits; else `message` as it was. */
export async function withWaitingGate(engine: PipelineEngine, message: string): Promise<string> {
  if (!LOCK_HELD.test(message)) { return message; }
  try {
    const holder = await new RunLock(await engine.dataDir()).holder();
    const run = holder?.runId !== undefined ? await (await engine.history()).last() : undefined;
    if (!holder || !run || run.id !== holder.runId || run.state !== 'running') { return message; }
    const loaded = await engine.validate();
    const gates = loaded.ok ? new Set(loaded.pipeline.stages.filter((s) => s.approval === 'manual').map((s) => s.name)) : new Set<string>();
    const gate = waitingGate(run, gates);
    if (gate === undefined) { return message; }
    const monitor = loaded.ok ? loaded.pipeline.monitor : undefined;
    const baseline = monitor !== undefined && monitor.probes.length > 0 && monitor.baselineMs > 0 && beforeProductionDeploy(run, gate);
    return `${message.replace(/\.$/, '')}: ${gateWords(gate, baseline)}: ${wayOut(holder, run.trigger, baseline)}`;
  } catch {
    return message; // the plain refusal stands: nothing here may turn it into another error
  }
}

/**
 * No history line tells a gate that waits from one already approved (the approval is recorded when its stage ends).
 * Before a production deploy's first stage the deploy samples its monitoring baseline AFTER the approval, with no stage
 * process either, so there it is only said to be possible (rereview39 F7).
 */
function gateWords(gate: string, baseline: boolean): string {
  return baseline ? `it may be waiting for approval of "${gate}", or for the monitoring baseline before it` : `it waits for approval of "${gate}"`;
}

/** The manual gate `run` (a running record read off history) waits at, if the facts show one. */
export function waitingGate(run: RunRecord, manualGates: ReadonlySet<string>): string | undefined {
  const procs: unknown = (run as { processes?: unknown }).processes; // history's `stage` lines (core/history runMerger)
  const started = new Set(Array.isArray(procs) ? procs.map((p: { stage?: unknown }) => p.stage) : []);
  const open = run.stages.filter((s) => s.state === 'pending' || s.state === 'running' || s.state === 'waiting-approval');
  if (open.some((s) => started.has(s.name))) { return undefined; } // a stage is at work: it may not have reached the gate
  const first = open[0];
  return first !== undefined && manualGates.has(first.name) ? first.name : undefined;
}

/** Runs the editor starts (core/engine callers in src/vscode); `cli` is a terminal's; `commit` is the editor's or `gearshift watch`'s. */
const EDITOR_TRIGGERS: ReadonlySet<string> = new Set(['manual', 'rerun', 'task', 'deploy']);
const IN_VS_CODE = 'in VS Code (Gearshift: Answer Waiting Approval…)';

/** Where the question is answered: the kind of process the lock records; a lock without it (an older version's) by the run's trigger. */
export function wayOut(holder: Pick<LockHolder, 'pid' | 'kind'>, trigger: string, maybe = false): string {
  const ask = maybe ? 'if it asks, answer it' : 'answer it';
  const kind = holderKind(holder);
  if (kind === 'editor') { return `${ask} ${IN_VS_CODE}, or stop it there (Gearshift: Stop Pipeline)`; }
  if (kind === 'watch') { return `${ask} in the terminal running \`gearshift watch\` (pid ${holder.pid}), or stop it there`; } // Ctrl+C there stops the watch too
  if (kind === 'terminal') { return `${ask} in the terminal that started it (pid ${holder.pid}), or stop it there with Ctrl+C`; }
  return byTrigger(holder.pid, trigger, ask);
}

/** The words when the lock does not say who holds it: the run's trigger tells a terminal's run from the editor's (rereview39 F3), else both places. */
function byTrigger(pid: number, trigger: string, ask: string): string {
  if (trigger === 'cli') { return `${ask} in the terminal running it (pid ${pid}), or stop it there with Ctrl+C`; }
  if (EDITOR_TRIGGERS.has(trigger)) { return `${ask} ${IN_VS_CODE}, or stop it there (Gearshift: Stop Pipeline)`; }
  // `commit` is the editor's or `gearshift watch`'s; `promote`/`rollback` the editor's or a terminal's command: say both, no command name.
  const terminal = trigger === 'commit' ? 'the terminal running `gearshift watch`' : 'the terminal that started it';
  return `${ask} ${IN_VS_CODE} or in ${terminal} (pid ${pid}), or stop it there`;
}
