/** How a stage's output pipes are read: decoded (or handed over as bytes), paused with the output flow. */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { OutputStream, ProcessSpec } from './process';
import { StoppedTail } from './stoppedTail';

type PipeSpec = Pick<ProcessSpec, 'flow' | 'onOutput' | 'onOutputEnd' | 'onOutputBytes'>;

/**
 * A stopped stage's output read while the flow is held: only its last this many bytes a pipe are
 * kept (its last words; ≈ 200 lines), the rest is skipped. Memory stays bounded while a stage that
 * ignores the stop floods until its SIGKILL, and a slow reader is not given more to read after
 * Ctrl+C than it was already behind.
 */
export const STOPPED_TAIL_BYTES = 16 * 1024;

/**
 * Decode chunk by chunk (multi-byte characters may straddle chunks); never buffer the whole
 * output. Pulled with read() on 'readable' rather than 'data': while the flow is paused we
 * simply stop reading, the stream stops reading its pipe at its high-water mark, and the
 * stage blocks on a full pipe. ('data' + pause() is not enough: node resumes a child's
 * paused stdio streams when the child exits, which would drop the hold for the tail.)
 *
 * Returns `readWhileStopped`: once the stage is being stopped, its pipes are read even while the
 * flow is held. A SIGTERM trap's last line would otherwise block on the full pipe until the
 * SIGKILL (a slow reader: `gearshift run | slow`), and be lost; read, the end of it is kept
 * (StoppedTail) and handed on when the flow resumes or the pipe ends (review41 F9).
 */
export function readPipe(name: OutputStream, stream: Readable, spec: PipeSpec, onClosed: () => void): () => void {
  const decoder = new StringDecoder('utf8');
  const flow = spec.flow;
  const emit = (text: string): void => { if (text.length > 0) { spec.onOutput(name, text); } };
  const onBytes = spec.onOutputBytes;
  const take = onBytes ? (chunk: Buffer) => onBytes(name, chunk) : (chunk: Buffer) => emit(decoder.write(chunk));
  let tail: StoppedTail | undefined;
  const handOnTail = (): void => {
    const kept = tail?.takeOut();
    if (!kept) { return; }
    if (kept.skipped > 0) {
      if (!onBytes) { emit(decoder.end()); } // a character cut by the skip is not completed by the kept bytes
      take(Buffer.from(`\n… ${kept.skipped} bytes of output skipped after the stop: the reader was behind …\n`));
    }
    if (kept.bytes.length > 0) { take(kept.bytes); }
  };
  const onReadable = (): void => {
    for (let chunk: Buffer | null; (!flow?.paused || tail) && (chunk = stream.read() as Buffer | null) !== null;) {
      if (tail && flow?.paused) { tail.add(chunk); } else { handOnTail(); take(chunk); }
    }
  };
  const onEnd = (): void => { handOnTail(); emit(decoder.end()); };
  const unfollow = flow?.onChange((paused) => { if (!paused) { handOnTail(); onReadable(); } }) ?? (() => undefined);
  const onClose = (): void => {
    unfollow();
    stream.removeListener('readable', onReadable);
    stream.removeListener('end', onEnd);
    stream.removeListener('error', onStreamError);
    spec.onOutputEnd?.(name);
    onClosed();
  };
  // A pipe error (e.g. after destroy) is followed by 'close'; nothing else to do.
  const onStreamError = (): void => undefined;
  stream.on('readable', onReadable);
  stream.once('end', onEnd);
  stream.on('error', onStreamError);
  stream.once('close', onClose);
  return () => { tail ??= new StoppedTail(STOPPED_TAIL_BYTES); onReadable(); };
}
