/** `.gearshift.yml` → typed `Pipeline`, or every problem with its `file:line:col`. */
export * from './types';
export { parsePipelineText, EMPTY_FILE_MESSAGE } from './parse';
export { loadPipeline, parseConfigText, findConfigFile, ParseMemo } from './load';
export { FileParseStore, type ParseStore } from './parseStore';
export { readConfigText, readRepositoryText, isInsideFolder, invalidUtf8At, type ReadResult } from './fileRead';
export { danglingLinkMessage } from './danglingLink';
export { parseDuration, parseMonitorDuration, parseLongDuration, MAX_DURATION_MS } from './duration';
export { createTemplate, renderTemplate } from './template';
export { isStarterTodo, STARTER_TODO } from './starterTodo';
export { queueAllWarning } from './queueCheckout';
export { detectCommands, type DetectedCommands } from './detect';
export { TOP_LEVEL_KEYS, STAGE_KEYS, DEPLOY_KEYS, ALERTS_KEYS, MONITOR_KEYS, PROBE_KEYS, PROBE_KINDS, PROBE_KIND_KEYS, GEARS_KEYS, FLAGS_KEYS, FLAGS_ENVIRONMENT_KEYS } from './keys';
export { closest, didYouMean } from './suggest';
export { backtrackingRisk, type RegexRisk } from './regexSafety';
export { resolveFlagsFile } from './cwd';
export { deployEnvSecretNames, pipelineSecretNames, productionSecretNames, probeSecretNames, probesWithSecrets } from './productionSecrets';
export { HEADER_NAME, HEADER_VALUE_BAD_CHAR } from './probeHeaders';
export { flagsFilesOf, outsideProblem, presentFlagsFiles, ALL_ENVIRONMENTS, type FlagsFiles } from './flagsFiles';
