/**
 * A deploy refused because another process's run holds the run lock: when that run waits at a manual gate, say so and
 * how to get on (review39 L7), as "in progress" alone hid that it waits for a person. History has no line for a gate
 * that waits, so it is read off what history and the lock do say: the holder's run is running, every stage before a
 * `approval: manual` stage ended, and no stage process was started for it or for any other stage still open.
 */
import type { PipelineEngine } from '../../core/engine';
import { RunLock, type LockHolder } from '../../core/lock';
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
    return gate === undefined ? message : `${message.replace(/\.$/, '')}: it waits for approval of "${gate}": ${wayOut(holder)}`;
  } catch {
    return message; // the plain refusal stands: nothing here may turn it into another error
  }
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

function wayOut(holder: LockHolder): string {
  return `answer it in the terminal running it (pid ${holder.pid}), or stop it there with Ctrl+C`;
}
