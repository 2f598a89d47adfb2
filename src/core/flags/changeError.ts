/** A change that cannot be made: the message says why; nothing was written. */
export class FlagChangeError extends Error {
  constructor(message: string, readonly reason: 'usage' | 'invalid' | 'conflict' | 'io') { super(message); }
}
