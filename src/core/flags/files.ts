/**
 * Which flags files a repository has: the rule lives in config (config/flagsFiles.ts), so the
 * gauge and the walkthrough can ask it without loading flagd; re-exported here for flags/.
 */
export { ALL_ENVIRONMENTS, DEFAULT_FLAGS_FILES, ENVIRONMENT_FLAGS_FILES, flagsFilesOf, outsideProblem, type FlagsFiles } from '../config';
