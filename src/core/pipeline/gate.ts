/**
 * A gate in front of some stages: asked once per run, when the first of them is ready to start
 * (after its manual approval, if any). A production deploy uses it to take the deploy lock and
 * a monitoring baseline right before the production stages — not while unit tests run — and
 * to hand them GEARSHIFT_SLOT. Every stage started after the gate opened gets its env.
 */

export type GateAnswer = { ok: true; env?: Record<string, string> } | { ok: false; reason: string };

export interface StageGate {
  /** Names of the stages that wait for the gate. */
  readonly stages: ReadonlySet<string>;
  /** Called at most once. `signal` aborts when the run no longer needs the answer (cancelled, stopped, over). Must not reject. */
  open(signal: AbortSignal): Promise<GateAnswer>;
}

export class GateKeeper {
  private answer: Promise<GateAnswer> | undefined;
  private opened: Record<string, string> | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly gate: StageGate | undefined) {}

  covers(stage: string): boolean { return this.gate?.stages.has(stage) ?? false; }

  /** The gate has opened: its env is known. */
  get isOpen(): boolean { return this.opened !== undefined; }

  /** Env for a stage starting now: the gate's once it opened. */
  get env(): Record<string, string> { return this.opened ?? {}; }

  pass(): Promise<GateAnswer> {
    if (!this.gate) { return Promise.resolve({ ok: true }); }
    const gate = this.gate;
    this.answer ??= Promise.resolve()
      .then(() => gate.open(this.abort.signal))
      .catch((e: unknown): GateAnswer => ({ ok: false, reason: e instanceof Error ? e.message : String(e) }))
      .then((a) => {
        if (a.ok) { this.opened = { ...a.env }; }
        return a;
      });
    return this.answer;
  }

  /** The run no longer needs an answer that has not come yet. An open gate stays open. */
  abortIfPending(): void {
    if (this.answer && this.opened === undefined) { this.abort.abort(); }
  }
}
