/** How a stage's output pipes are read: decoded (or handed over as bytes), paused with the output flow. */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { OutputStream, ProcessSpec } from './process';

type PipeSpec = Pick<ProcessSpec, 'flow' | 'onOutput' | 'onOutputEnd' | 'onOutputBytes'>;

/**
 * Decode chunk by chunk (multi-byte characters may straddle chunks); never buffer the whole
 * output. Pulled with read() on 'readable' rather than 'data': while the flow is paused we
 * simply stop reading, the stream stops reading its pipe at its high-water mark, and the
 * stage blocks on a full pipe. ('data' + pause() is not enough: node resumes a child's
 * paused stdio streams when the child exits, which would drop the hold for the tail.)
 */
export function readPipe(name: OutputStream, stream: Readable, spec: PipeSpec, onClosed: () => void): void {
  const decoder = new StringDecoder('utf8');
  const flow = spec.flow;
  const emit = (text: string): void => { if (text.length > 0) { spec.onOutput(name, text); } };
  const onBytes = spec.onOutputBytes;
  const take = onBytes ? (chunk: Buffer) => onBytes(name, chunk) : (chunk: Buffer) => emit(decoder.write(chunk));
  const onReadable = (): void => {
    for (let chunk: Buffer | null; !flow?.paused && (chunk = stream.read() as Buffer | null) !== null;) { take(chunk); }
  };
  const onEnd = (): void => emit(decoder.end());
  const unfollow = flow?.onChange((paused) => { if (!paused) { onReadable(); } }) ?? (() => undefined);
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
}
