import * as vscode from 'vscode';

const SCROLLBACK_CHARS = 256 * 1024;

/**
 * The "Gearshift Pipeline" Pseudoterminal of one folder. It only displays: text written before
 * it opened (or after the user closed it) is kept, bounded, and replayed when it opens again.
 * Ctrl+C is the one input it understands.
 */
export class PipelinePty implements vscode.Pseudoterminal {
  private readonly _onDidWrite = new vscode.EventEmitter<string>();
  readonly onDidWrite = this._onDidWrite.event;
  private readonly _onDidClose = new vscode.EventEmitter<number | void>();
  readonly onDidClose = this._onDidClose.event;
  private opened = false;

  constructor(private readonly scrollback: Scrollback, private readonly onInterrupt: () => void, private readonly onOpen?: () => void) {}

  open(): void {
    this.opened = true;
    this.onOpen?.(); // text still on its way (terminalFeed.ts) is in the scrollback replayed below
    const past = this.scrollback.text();
    if (past) { this._onDidWrite.fire(past); }
  }

  close(): void {
    this.opened = false;
  }

  handleInput(data: string): void {
    if (data === '\x03') { this.onInterrupt(); }
  }

  /** Already in terminal form (CRLF); the scrollback has it too. */
  write(text: string): void {
    if (this.opened) { this._onDidWrite.fire(text); }
  }

  dispose(): void {
    this._onDidWrite.dispose();
    this._onDidClose.dispose();
  }
}

/** Everything written to a folder's terminal, bounded; survives the terminal being closed. */
export class Scrollback {
  private chunks: string[] = [];
  private size = 0;

  append(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    while (this.size > SCROLLBACK_CHARS && this.chunks.length > 1) {
      this.size -= this.chunks.shift()!.length;
    }
  }

  text(): string { return this.chunks.join(''); }

  isEmpty(): boolean { return this.size === 0; }
}

/** Terminals want CRLF; stage output mostly has LF. */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
