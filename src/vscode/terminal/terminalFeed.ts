/**
 * Stage output on its way to a VS Code Pseudoterminal. The terminal API has no backpressure
 * signal (onDidWrite.fire() returns nothing and queues the text for the renderer), so we make
 * our own: text is queued here and handed on at most MAX_CHARS_PER_TICK every TICK_MS (about
 * 16 M characters a second, more than a terminal renders); when the queue passes
 * MAX_QUEUED_CHARS the engine's output flow is held (stage pipes stop being read) until it is
 * back under half of that. What this process buffers for a terminal is therefore bounded by
 * MAX_QUEUED_CHARS plus one render; what VS Code itself buffers downstream we cannot see, but
 * it never receives faster than the rate above. Plain TypeScript (no vscode import): tested in node.
 */
export const MAX_QUEUED_CHARS = 1024 * 1024;
export const MAX_CHARS_PER_TICK = 256 * 1024;
export const TICK_MS = 16;

export interface Holdable { hold(): () => void }

export class TerminalFeed {
  private queue: string[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private release: (() => void) | undefined;

  constructor(private readonly sink: (text: string) => void, private readonly flow: () => Holdable | undefined) {}

  /** Characters waiting to be handed to the terminal. */
  get pending(): number { return this.queued; }

  push(text: string): void {
    if (!text) { return; }
    this.queue.push(text);
    this.queued += text.length;
    if (this.queued > MAX_QUEUED_CHARS && !this.release) { this.release = this.flow()?.hold(); }
    this.timer ??= setTimeout(() => this.tick(), TICK_MS);
  }

  /** The terminal just opened and replays the scrollback, which holds this text already. */
  discardPending(): void {
    this.dispose();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.queued = 0;
    this.letGo();
  }

  private tick(): void {
    this.timer = undefined;
    let budget = MAX_CHARS_PER_TICK;
    let out = '';
    while (budget > 0 && this.queue.length > 0) {
      const head = this.queue[0];
      const take = head.length <= budget ? head : head.slice(0, budget);
      out += take;
      budget -= take.length;
      if (take.length === head.length) { this.queue.shift(); } else { this.queue[0] = head.slice(take.length); }
    }
    this.queued -= out.length;
    if (this.queued <= MAX_QUEUED_CHARS / 2) { this.letGo(); }
    if (this.queue.length > 0) { this.timer = setTimeout(() => this.tick(), TICK_MS); }
    this.sink(out);
  }

  private letGo(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}
