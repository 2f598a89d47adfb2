/** The formatters every part shares: durations, limits, timers, short shas. Imports nothing. */
export { formatDuration, formatElapsed, formatLimit } from './duration';
export { shortSha, shortId, SHORT_SHA_LENGTH } from './sha';
