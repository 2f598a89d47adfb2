import type { OutStream } from './io';

/**
 * ANSI colour only for a terminal, as users expect: FORCE_COLOR (not "0"/"false") forces it on
 * even through a pipe (CI logs render it), NO_COLOR (https://no-color.org) turns it off.
 */
export function useColor(stream: OutStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') { return force !== '0' && force !== 'false'; }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') { return false; }
  return stream.isTTY && env.TERM !== 'dumb';
}

/** CI services set CI=true (some CI=1); a gate must never wait for a person there. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
