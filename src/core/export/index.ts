/**
 * CI export: the same `.gearshift.yml` as a GitHub Actions workflow or a GitLab CI file, and
 * the drift check that keeps the exported file equal to it. Pure: text in, text out.
 */
import type { Pipeline } from '../config';
import { exportGithub } from './github';
import { exportGitlab } from './gitlab';
import type { ExportOptions } from './types';

export * from './types';
export { GENERATED_MARK, isGeneratedFile, exportedFrom, exportedViaCli, shellWord } from './common';
export { findExports, type FoundExport } from './find';
export { compareExport, type Drift, type DriftState } from './check';
export { unifiedDiff } from './diff';
export { jobIds, slugify } from './slug';
export { topologicalOrder } from './order';
export { GITHUB_APPROVAL_ENVIRONMENT } from './github';
export { VIA_CLI_STAGE_VAR } from './viaCli';
export { VIA_CLI_INPUTS } from './viaCliDetect';
export { exportNotes } from './notes';

/** The whole file for `options.target`, header to footer; the same pipeline always gives the same text. */
export function exportPipeline(pipeline: Pipeline, options: ExportOptions): string {
  return options.target === 'github' ? exportGithub(pipeline, options) : exportGitlab(pipeline, options);
}
export { ExportFileRefused, planExport, writeExport, type ExportPlan, type ExportRequest } from './plan';
