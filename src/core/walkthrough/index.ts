/** Public surface of the walkthrough: its steps and which are done, from history and config. */
export { WALKTHROUGH_STEPS, WALKTHROUGH_ID, CONTEXT_KEY_PREFIX, DONE_VALUES, completionEvents, contextKey, isWalkthroughStepId, type DoneValue, type WalkthroughStep, type WalkthroughStepId } from './steps';
export { walkthroughProgress, nextStep, type WalkthroughInput, type WalkthroughPipeline, type WalkthroughProgress } from './progress';
export { findFlagsFiles } from './flagsFiles';
export { firstStartDecision, type FirstStart, type SettingInspection } from './firstStart';
