/**
 * Secrets in a stage: `${{ secrets.NAME }}` in its env becomes the value only in the env given
 * to its process (never its command line), and its output is masked before anyone sees it.
 */
import { productionSecretNames, type Pipeline, type Stage } from '../config';
import { planRun, type Selection } from './graph';
import { referencedNames, ResolvedSecrets, StreamMasker, substitute } from '../secrets';
import type { OutputStream } from './process';

/** Names the given stages' env values reference. */
export function stageSecretNames(stages: readonly Stage[]): string[] {
  return stages.flatMap((stage) => Object.values(stage.env).flatMap(referencedNames));
}

/** Names the stages a run selects reference: only these must be set (a unit-test run needs no deploy token). Throws on a bad selection. */
export function runSecretNames(pipeline: Pipeline, selection: Selection): string[] {
  const plan = planRun(pipeline, selection);
  return [...new Set(stageSecretNames(pipeline.stages.filter((s) => plan.needs.has(s.name))))].sort();
}

/**
 * Every name a run of `selection` must have set: its stages' own, and once it reaches production
 * the switch script's and the `http:` probes' (a unit-test run needs no deploy token). Throws on a bad selection.
 */
export function secretNamesRunNeeds(pipeline: Pipeline, selection: Selection): string[] {
  const own = runSecretNames(pipeline, selection);
  if (!pipeline.monitor && !pipeline.deploy?.env) { return own; }
  const plan = planRun(pipeline, selection);
  const production = pipeline.stages.some((s) => s.environment === 'production' && plan.needs.has(s.name));
  return production ? [...new Set([...own, ...productionSecretNames(pipeline)])].sort() : own;
}

/** Throws naming the secrets the selected stages need but `secrets` lacks: checked before any stage starts. */
export function assertSecretsResolved(stages: readonly Stage[], secrets: ResolvedSecrets | undefined): void {
  const missing = [...new Set(stageSecretNames(stages))].filter((name) => !secrets?.values.get(name));
  if (missing.length > 0) { throw new Error(`secret${missing.length === 1 ? '' : 's'} not set: ${missing.sort().join(', ')} (nothing ran)`); }
}

/** The stage's env with each reference replaced by its value. */
export function stageEnvWithSecrets(stage: Stage, secrets: ResolvedSecrets | undefined): Readonly<Record<string, string>> {
  if (!secrets || secrets.values.size === 0) { return stage.env; }
  const env = new Map<string, string>();
  for (const [name, value] of Object.entries(stage.env)) { env.set(name, substitute(value, secrets.values)); }
  return Object.fromEntries(env);
}

/**
 * Masks one stage's two output streams: the one choke point between its pipes and every
 * consumer (terminal, logs, history, CLI). The maskers take the raw bytes (scanning bytes is
 * the cheap way) and decode what they let go to onOutput; the end handler flushes them.
 */
export function maskedOutput(secrets: ResolvedSecrets | undefined, onOutput: (stream: OutputStream, chunk: string) => void): {
  onOutput: (stream: OutputStream, chunk: string) => void; onOutputBytes?: (stream: OutputStream, chunk: Buffer) => void; onOutputEnd: (stream: OutputStream) => void;
} {
  if (!secrets || secrets.rules.empty) { return { onOutput, onOutputEnd: () => undefined }; }
  const maskers = {
    stdout: new StreamMasker(secrets.rules, (text) => onOutput('stdout', text)),
    stderr: new StreamMasker(secrets.rules, (text) => onOutput('stderr', text)),
  };
  return { onOutput, onOutputBytes: (stream, chunk) => maskers[stream].write(chunk), onOutputEnd: (stream) => maskers[stream].end() };
}
