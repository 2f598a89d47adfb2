/** The answer to a manual approval prompt, for as long as the run needs it. */
export async function answerUntilAborted<T>(answer: PromiseLike<T>, signal: AbortSignal): Promise<T | undefined> {
  const aborted = new Promise<undefined>((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
  return Promise.race([answer, aborted]);
}
