/** An in-process CliIo: captured output, scripted prompt answers, signals sent by the test. */
import type { CliIo } from '../../../src/cli/io';

export class FakeIo implements CliIo {
  out = '';
  err = '';
  readonly stdout = { write: (t: string): void => { this.out += t; this.notify(); }, isTTY: false };
  readonly stderr = { write: (t: string): void => { this.err += t; this.notify(); }, isTTY: false };
  stdinIsTTY = false;
  /** Questions asked, in order. */
  readonly questions: string[] = [];
  exitedWith: number | undefined;
  /** Deliver this signal as soon as someone subscribes (i.e. before the run can start). */
  interruptOnSubscribe: NodeJS.Signals | undefined;
  private readonly handlers = new Set<(s: NodeJS.Signals) => void>();
  private readonly writes = new Set<() => void>();

  constructor(readonly cwd: string, readonly env: NodeJS.ProcessEnv = {}, private readonly answers: Array<string | null> = []) {}

  prompt(question: string, signal: AbortSignal): Promise<string | null> {
    this.questions.push(question);
    if (signal.aborted) { return Promise.resolve(null); }
    return Promise.resolve(this.answers.shift() ?? null);
  }

  onInterrupt(handler: (s: NodeJS.Signals) => void): () => void {
    this.handlers.add(handler);
    const early = this.interruptOnSubscribe;
    if (early) { queueMicrotask(() => handler(early)); }
    return () => { this.handlers.delete(handler); };
  }

  /** As if the process got `signal`. */
  interrupt(signal: NodeJS.Signals = 'SIGINT'): void {
    for (const h of [...this.handlers]) { h(signal); }
  }

  get listening(): number { return this.handlers.size; }

  exitNow(code: number): void { this.exitedWith = code; }

  /** Resolves once out+err match `pattern`, checked on every write (no polling); rejects after `ms`. */
  waitFor(pattern: RegExp, ms = 10_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const m = (this.out + this.err).match(pattern);
        if (m) { done(); resolve(m); }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`output never matched ${pattern} within ${ms} ms:\n--- stdout\n${this.out}\n--- stderr\n${this.err}`));
      }, ms);
      const done = (): void => { clearTimeout(timer); this.writes.delete(check); };
      this.writes.add(check);
      check();
    });
  }

  private notify(): void {
    for (const w of [...this.writes]) { w(); }
  }
}
