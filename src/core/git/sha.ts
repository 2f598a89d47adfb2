/**
 * The one gate for commit ids that come from files Gearshift (or anyone with write access to
 * `.git`) wrote: deploy.json, history, reflogs, HEAD files. Such text reaches git's argument
 * list, where `--output=pwned.txt` would be read as an option; only hex passes. Callers also put
 * `--end-of-options` before revisions, so a check forgotten somewhere still cannot become an option.
 */

/** 7 to 64 lowercase hex digits: an abbreviated or full SHA-1 / SHA-256 object name. */
const COMMIT_SHA = /^[0-9a-f]{7,64}$/;

export function isCommitSha(value: unknown): value is string {
  return typeof value === 'string' && COMMIT_SHA.test(value);
}

/**
 * `value` when it is a commit id, else an Error naming where it came from (`from`, e.g.
 * "deploy.json") without echoing more than a few characters of it.
 */
export function checkCommitSha(value: unknown, from: string): string {
  if (isCommitSha(value)) { return value; }
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value) : typeof value;
  throw new Error(`${from} names ${shown} where a commit id (hex) belongs; refusing to pass it to git`);
}

/** Marks the end of options: everything after it is a revision, whatever it looks like (git ≥ 2.24). */
export const END_OF_OPTIONS = '--end-of-options';
