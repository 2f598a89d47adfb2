/** Cross-process file locks with a holder record, taken over only from a dead or stale holder. */
export { type AcquireResult, FileLock, type LockGroup, type LockHolder, describeHeld } from './fileLock';
export { holderKind, RunLock, RUN_LOCK_FILE, type RunHolderKind } from './runLock';
export { isFileSystemError, lockUnwritable, whyNotWritten } from './unwritable';
