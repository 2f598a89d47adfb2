/**
 * Polls a condition the code under test has no event for (a /proc state, a file another
 * process writes), every `everyMs`, and fails naming `what` once `ms` passed: a bounded wait,
 * never a sleep taken as the answer.
 */
export async function until(what: string, ok: () => boolean, ms = 5_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) { throw new Error(`timed out waiting for ${what}`); }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
