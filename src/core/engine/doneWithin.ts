/** True once `work` has settled, false if `withinMs` passes first (its timer cleared either way): a wait with a bound. */
export async function doneWithin(work: Promise<unknown>, withinMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), withinMs); });
  try { return await Promise.race([work.then(() => true as const), late]); } finally { clearTimeout(timer); }
}
