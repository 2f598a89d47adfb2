/** Commits as Gearshift names them in text: 8 characters everywhere, "no commit" for a run outside git. */

export const SHORT_SHA_LENGTH = 8;

export function shortSha(sha: string | undefined): string {
  return !sha || sha === 'none' ? 'no commit' : sha.slice(0, SHORT_SHA_LENGTH);
}

/** A run id's first characters, enough to tell runs apart in one screen of history. */
export function shortId(id: string): string {
  return id.slice(0, SHORT_SHA_LENGTH);
}
