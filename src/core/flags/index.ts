/**
 * Feature toggles in flagd's format: read, check (flagd-core's schema and Gearshift's precise
 * checks, at line:col), evaluate (flagd-core), edit byte-for-byte, find references, age and
 * staleness from git, and toggle history with undo. No vscode here.
 */
export type { FlagDefinition, FlagFileError, FlagState, FlagsFileSnapshot, FlagsParseResult, JsonValue, ParsedFlags, Served } from './types';
export { parseFlagsText, parseFlagsSnapshot } from './parse';
export { flagKeyProblem, MAX_FLAG_KEY_LENGTH } from './keys';
export { formattingOf, setDefaultVariantText, setStateText, addFlagText, removeFlagText, newBooleanFlag } from './edit';
export { readFlagsFile, writeFlagsFile, writeRefusal, FlagsFileError } from './fileIo';
export { flagsFilesOf, outsideProblem, ALL_ENVIRONMENTS, DEFAULT_FLAGS_FILES, ENVIRONMENT_FLAGS_FILES } from './files';
export { loadFlagsFiles, undeclaredFlagsFiles, fileErrors, filesFor, formatFlagErrors, type FlagsContext, type LoadedFlagsFile } from './load';
export { listFlags, isStale, type FlagRow, type FlagListing, type ListOptions } from './list';
export { savedFileMayChangeListing } from './savedFile';
export { findReferences, noReferencesAdvice, type Reference, type ReferenceResult, type ReferenceOptions } from './references';
export { servedAges, MAX_VERSIONS, type FlagAge } from './age';
export { servesOneValue } from './single';
export { FlagChangeError, changeFlagsFile, type ChangeOutcome, type TextChange } from './change';
export { flagsFileLockPath, FLAGS_FILE_LOCKS_DIR } from './flagsLock';
export { variantFor, setFlag, addFlag, removeFlag, revert } from './operations';
export { setFlagValue, killSwitch, addToggle, removeToggle, undoLastToggle, nextUndo, pickFile } from './toggles';
export { servesProductionEnv, setServedInProduction, setServesInProduction, undoServesInProduction, undoServedInProduction, type ServedAfter } from './servesProduction';
export { serveInProductionQuestion, servedFacts, type ServeInProductionFacts, type ServeQuestion } from './serveQuestion';
export { servesOff, targetingCanServe } from './served';
export { stillServedAfterOff, type StillServed } from './stillServed';
export { appendFlagChange, readFlagChanges, lastUndoable, newestOf, FLAG_ENTRY_KIND, type FlagChange } from './toggleHistory';
export { flagsContextFor } from './context';
export { UNDECLARED_RULE } from '../config';
export { commitFlagsFiles, uncommittedFlagsFiles } from './commitFile';
export { pipelinesSharing } from './sharedBy';
export { flagChangesText, alreadyText } from './changeText';
