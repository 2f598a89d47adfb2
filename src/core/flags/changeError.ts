/** A change that cannot be made: the message says why; nothing was written. */
export class FlagChangeError extends Error {
  /** `file`: the flags file to change instead, when the message names one (the editor offers to open it). */
  constructor(message: string, readonly reason: 'usage' | 'invalid' | 'conflict' | 'io', readonly file?: string) { super(message); }
}
