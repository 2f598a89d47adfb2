/** "Don't let the pipeline stay red": red/green state, red timer, recoveries, escalation. */
export { type Clock, systemClock } from './clock';
export { elapsedSince, formatElapsed, formatRedFor } from './duration';
export {
  DEFAULT_REMINDER_MS, EscalationSchedule, MIN_REMINDER_MS, normalizeReminderMs,
  type EscalationEvent, type EscalationOptions,
} from './escalation';
export { foldHistory, recoveriesFromHistory, redPeriodFromHistory, type HistoryFold } from './fromHistory';
export { failedStageOf, type RedPeriod, type Recovery } from './period';
export { RedGreenTracker, type RedSummary } from './tracker';
export { step, type RedGreenChange, type Step } from './transition';
