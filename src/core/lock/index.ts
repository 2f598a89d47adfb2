/** Cross-process file locks with a holder record, taken over only from a dead or stale holder. */
export { type AcquireResult, FileLock } from './fileLock';
export { describeHeld, type LockGroup, type LockHolder } from './lockHolder';
export { DEPLOY_LOCK_FILE, holderKind, RunLock, RUN_LOCK_FILE, type RunHolderKind } from './runLock';
export { isFileSystemError, lockUnwritable, whyNotWritten } from './unwritable';
