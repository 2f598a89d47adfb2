/** "Don't let the pipeline stay red": red/green state, red timer, recoveries, escalation. */
export {
  DEFAULT_REMINDER_MS, EscalationSchedule, MIN_REMINDER_MS, normalizeReminderMs,
  type EscalationEvent, type EscalationOptions,
} from './escalation';
export { type Clock, systemClock } from './clock';
export { elapsedSince, formatRedFor } from './duration';
export { msToNextRedTick, redForAt, RedTicker } from './redTick';
export { causesOfPeriod, endsEveryRedPeriod, foldHistory, foldMore, readBackToGreen, recoveriesFromHistory, redPeriodFromHistory, type HistoryFold, redSpansFromHistory, redSpansOf } from './fromHistory';
export { deployFactsOf } from '../history';
export { DECISION_TRIGGER, endTimeOf, failedStageOf, failingNow, type RedPeriod, type Recovery, PRODUCTION_MONITORING, snapshot } from './period';
export { RedGreenTracker, type RedSummary } from './tracker';
export { leftRedBy, step, type RedGreenChange, type Step, whatEndsIt } from './transition';
export { clean, redAgainMessage, reminderMessage, stillRedMessage, wentRedMessage } from './messages';
export { isStarterTodoStage, starterTodoMessage, starterTodoStages } from './starterTodo';
export { afterRevert, RED_ACTION_LABELS, redAdvice, redCauseOf, starterTodoText, type RedAction, type RedAdvice, type RedCause, type StarterTodoCause, type TodoStage } from './advice';
export { starterTodoCause, type TodoConfigSource } from './starterTodoCause';
export { readRedNow, redLeftOpenIn, redNowIn, type RedNow } from './redNow';
export { healthyButRedText, slotChangeRedGreenText } from './productionWords';
export { pipelineStatus, standingRun, standsAsVerdict, verdictRun } from './verdict';
export { answersCommitQuestion } from './commitQuestion';
export { noticeRedRunId, redNoticeOver, type NoticeAction } from './noticeOver';
