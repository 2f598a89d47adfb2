/**
 * `log: FILE` + `match: REGEX`: at the end of each interval, read only the bytes appended since
 * the last read; rate = new lines matching ÷ new non-blank lines (0 when there are none).
 * - A line still being written (no newline yet) waits for the next interval.
 * - Rotation (a new file under the name: other inode) or truncation (smaller than what we have
 *   read) resets the offset: the new file is read from its start.
 * - A missing file is `down` with rate 0: nothing to see is not evidence of errors.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { MonitorProbe } from '../../config';
import { countMatches } from './matchWorker';
import { delay, type IntervalContext, type Probe, type ProbeSample } from './types';

type LogConfig = Extract<MonitorProbe, { kind: 'log' }>;

/** A log that grows faster than this per interval is read over several intervals. */
const MAX_READ_BYTES = 16 * 1024 * 1024;
/** A "line" longer than this without a newline is counted as it is rather than held forever. */
const MAX_CARRY_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

export class LogProbe implements Probe {
  readonly kind = 'log';
  readonly name: string;
  readonly file: string;
  private readonly pattern: RegExp;
  private offset = 0;
  private ino: number | undefined;
  private carry: Buffer = Buffer.alloc(0);

  constructor(config: LogConfig, root: string) {
    this.name = config.name;
    this.file = path.resolve(root, config.file);
    try {
      this.pattern = new RegExp(config.match);
    } catch (err) {
      throw new Error(`monitor probe ${config.name}: match is not a valid regular expression: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Only lines written from now on count. */
  async prime(): Promise<void> {
    const st = await fs.stat(this.file).catch(() => undefined);
    this.offset = st?.size ?? 0;
    this.ino = st?.ino;
    this.carry = Buffer.alloc(0);
  }

  async sample(ctx: IntervalContext): Promise<ProbeSample> {
    await delay(ctx.clock, ctx.startedAt + ctx.intervalMs - ctx.clock.now(), ctx.signal);
    if (ctx.signal.aborted) { return { ...this.base(), partial: true }; }
    return this.readNew();
  }

  private base(): ProbeSample {
    return { probe: this.name, kind: 'log', rate: 0, errors: 0, total: 0, down: false };
  }

  private async readNew(): Promise<ProbeSample> {
    let fh: fs.FileHandle;
    try {
      fh = await fs.open(this.file, 'r');
    } catch (err) {
      // When it appears, read it whole: every line in it is new.
      this.offset = 0;
      this.ino = undefined;
      this.carry = Buffer.alloc(0);
      const code = (err as NodeJS.ErrnoException).code;
      return { ...this.base(), down: true, detail: code === 'ENOENT' ? `log file not found: ${this.file}` : `cannot read ${this.file}: ${code ?? (err as Error).message}` };
    }
    try {
      const st = await fh.stat();
      let detail: string | undefined;
      if ((this.ino !== undefined && st.ino !== this.ino) || st.size < this.offset) {
        this.offset = 0;
        this.carry = Buffer.alloc(0);
        detail = 'log was rotated or truncated; read the new file from its start';
      }
      this.ino = st.ino;
      const bytes = await readRange(fh, this.offset, Math.min(st.size - this.offset, MAX_READ_BYTES));
      this.offset += bytes.length;
      const lines = this.completeLines(Buffer.concat([this.carry, bytes]));
      const counted = await countMatches(this.pattern.source, lines);
      // Unknown is not healthy: a probe whose matching was stopped reports down, with why.
      if (!counted.ok) { return { ...this.base(), down: true, total: lines.length, detail: counted.why }; }
      const matching = counted.matching;
      return { ...this.base(), rate: lines.length > 0 ? matching / lines.length : 0, errors: matching, total: lines.length, ...(detail ? { detail } : {}) };
    } finally {
      await fh.close();
    }
  }

  /** Splits off complete lines; keeps an unfinished last line for the next read. */
  private completeLines(data: Buffer): string[] {
    let end = data.lastIndexOf(NEWLINE);
    if (end < 0 && data.length > MAX_CARRY_BYTES) { end = data.length; }
    if (end < 0) {
      this.carry = data;
      return [];
    }
    this.carry = Buffer.from(data.subarray(end + 1));
    return data.subarray(0, end).toString('utf8').split('\n')
      .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
      .filter((l) => l.trim() !== '');
  }
}

async function readRange(fh: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  if (length <= 0) { return Buffer.alloc(0); }
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) { break; }
    got += bytesRead;
  }
  return buf.subarray(0, got);
}
