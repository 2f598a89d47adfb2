/**
 * The words of each notification, firmer with each reminder. Plain text only (no links, no
 * markup) so the same line works in a VS Code notification, on stderr and in a chat webhook.
 * Branch and stage names come from git and the config: control characters are stripped so a
 * crafted name cannot forge extra lines.
 */
import type { RunRecord } from '../pipeline';
import { formatElapsed, localTime, shortId, shortSha } from '../format';
import { redCauseOf, ROLL_BACK_FIRST } from './advice';
import { clean } from './clean';
import { redCause, type RedPeriod } from './period';
import { whatEndsIt } from './transition';

export interface MessageFacts {
  repo: string;
  /** The stage failing now: the latest red run's (period.ts failingNow); for back to green, the one that passes again. */
  failedStage?: string;
  /** The stage that turned the pipeline red, when a later red run failed elsewhere: said as "red since". */
  firstFailedStage?: string;
  /** Back to green with several stages failing until then: "the pipeline passes again". */
  severalFixed?: boolean;
  /** The run the message is about: the (latest) red run, or the green one. */
  run: RunRecord;
  /** The run that turned the pipeline red, when it is not `run`: messages blame its commit and say where it is still red. */
  brokenBy?: RunRecord;
  /** How long it has been (or was) red. */
  redForMs: number;
  /** A later commit already reverts the red commit (core/git revertedBy): its run ends the red, not another revert. */
  revertedBy?: string;
}

export function wentRedMessage(f: MessageFacts): string {
  return `${prefix(f)}The pipeline is red: ${what(f)}${automaticRollback(f)}. ${revertedTail(f) ?? (releaseStillLive(f) ? `${upper(ROLL_BACK_FIRST)}.` : 'Fix it or revert before anything else.')}`;
}

/**
 * The run's own automatic rollback, said in the went-red words, which are then the one
 * notification for the alarm: switched back, with the slot its deploy recorded live afterwards
 * (review31 L10); or did not happen, with why and that the release that alerted is still live
 * (closing-30), before "roll back first". Not in reminders: by then a person may have acted.
 */
function automaticRollback(f: MessageFacts): string {
  const deploy = f.run.deploy as { live?: unknown; rollbackFailed?: unknown } | undefined;
  const live = typeof deploy?.live === 'string' && deploy.live !== '' ? clean(deploy.live) : undefined;
  const kind = redCauseOf(f.run as unknown as Readonly<Record<string, unknown>>).kind;
  if (kind === 'rolledBack') { return live ? `; rolled back automatically: slot ${live} is live again` : '; rolled back automatically'; }
  if (kind !== 'releaseStillLive' || typeof deploy?.rollbackFailed !== 'string') { return ''; }
  const why = clean(deploy.rollbackFailed).replace(/\.$/, '');
  // A failed switch's own words already say which slot is still live: not twice.
  const still = /\bis still live\b/.test(why) ? '' : `; the release that alerted is still live${live ? ` in slot ${live}` : ''}`;
  return `; automatic rollback did not happen: ${why}${still}`;
}

/**
 * A red run while red. `changed`: it failed for another reason than the last red notification said (another
 * stage): its own notification, so the right cause is on top. Otherwise only a log line (no toast per red run).
 */
export function redAgainMessage(f: MessageFacts, changed: boolean): string {
  const tail = revertedTail(f) ?? (releaseStillLive(f) ? `${upper(ROLL_BACK_FIRST)}.` : 'Fix it or revert before anything else.');
  return changed ? `${prefix(f)}The pipeline is still red, for a new reason: ${what(f)}${automaticRollback(f)}. ${tail}`
    : `${prefix(f)}The pipeline is still red: ${what(f)}.`;
}

/** Level 1, 2, 3…: each reminder sounds more insistent than the last. */
export function reminderMessage(f: MessageFacts, level: number): string {
  const red = formatElapsed(f.redForMs);
  const live = releaseStillLive(f);
  const reverted = revertedTail(f);
  if (level <= 1) {
    return `${prefix(f)}The pipeline is still red (${red}): ${what(f)}. ${reverted ?? (live ? `${upper(ROLL_BACK_FIRST)}.` : 'Fix it or revert it.')}`;
  }
  if (level === 2) {
    return `${prefix(f)}The pipeline has been red for ${red} and nobody has fixed it: ${what(f)}. ${reverted ?? (live ? `Stop now: ${ROLL_BACK_FIRST}.` : 'Stop and fix it or revert now.')}`;
  }
  return `${prefix(f)}Reminder ${level}: nobody has fixed the pipeline for ${red}: ${what(f)}. `
    + `Every commit on top of a red pipeline adds risk: ${reverted ?? (live ? `drop other work, ${ROLL_BACK_FIRST}.` : 'drop other work and fix or revert it now.')}`;
}

/** The red commit is already reverted: say so and what ends the red (a live bad release still comes first). */
function revertedTail(f: MessageFacts): string | undefined {
  if (f.revertedBy === undefined) { return undefined; }
  const by = shortSha(f.revertedBy);
  const note = `${shortSha((f.brokenBy ?? f.run).sha)} is already reverted by ${by}: run the pipeline on ${by} to end the red.`;
  return releaseStillLive(f) ? `${upper('roll back first')}; ${note}` : note;
}

/**
 * The run's monitoring alerted and no rollback switched back: the cause the buttons are chosen from
 * (advice.ts), so the words say to roll back first where the first button is Roll Back.
 */
function releaseStillLive(f: MessageFacts): boolean {
  return redCauseOf(f.run as unknown as Readonly<Record<string, unknown>>).kind === 'releaseStillLive';
}

function upper(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `brokenBy`: the run that turned it red; a stage it ran that the green run does not have any more was removed from the file. */
export function backToGreenMessage(f: MessageFacts): string {
  const by = slotCommand(f.run);
  if (by) { return `${prefix(f)}Back to green after ${formatElapsed(f.redForMs)} by a ${by}: ${shortSha(f.run.sha)} is live (run ${clean(f.run.id).slice(0, 8)}); newer commits are not live until one deploys.`; }
  const name = f.failedStage;
  const removed = name !== undefined && f.brokenBy?.stages.some((s) => s.name === name) === true && !f.run.stages.some((s) => s.name === name);
  const fixed = removed ? ': the failing stage was removed from the pipeline' : f.severalFixed === true ? ': the pipeline passes again' : name ? `: ${clean(name)} passes again` : '';
  return `${prefix(f)}Back to green after ${formatElapsed(f.redForMs)}${fixed} (${where(f.run)}).`;
}

export function commitWhileRedMessage(f: MessageFacts, sha: string, runs = false): string {
  return `${prefix(f)}The pipeline is red (${what(f)}, ${formatElapsed(f.redForMs)} ago) — is commit ${shortSha(sha)} the fix? `
    + `${runs ? 'Its run starts by itself (trigger: commit). ' : ''}If not, fix or revert the red pipeline first.`;
}

/**
 * Under the verdict of a green run that left the pipeline red (transition.ts's leftRedBy), so
 * "Pipeline GREEN" is not read as "fixed": since when, what failed, and what would end it.
 */
export function stillRedMessage(period: RedPeriod): string {
  const since = `the pipeline is still red since ${localTime(new Date(period.redSince).toISOString())}`;
  const lead = `${since} (${clean(redCause(period))} in run ${clean(shortId(period.redRun.id))})`;
  const { stages, production } = whatEndsIt(period);
  const names = listOf(stages.map(clean));
  const notIn = `${names} ${stages.length === 1 ? 'was' : 'were'} not in this run`;
  const removed = period.removedFailing ?? [];
  if (removed.length > 0) {
    const gone = `${listOf(removed.map(clean))} failed and ${removed.length === 1 ? 'is' : 'are'} no longer in the pipeline (renamed or removed)`;
    return `${lead}: ${gone}, so no single stage can show it fixed; to end it, run the whole pipeline green`;
  }
  if (stages.length === 0) {
    return production ? `${lead}: this run did not deploy to production; to end it, run the whole pipeline green, or switch or roll back successfully`
      : `${lead}; to end it, run the whole pipeline green`;
  }
  // Whether this run went live is not in the period (a `--from` run may have): what is true either way is that production is still in doubt.
  return production ? `${lead}: ${notIn}, and production has not been shown to work since it failed; to end it, run the whole pipeline green`
    : `${lead}: ${notIn}; to end it, run ${names} (or the whole pipeline) green`;
}

/** "A", "A and B", "A, B and C". */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function prefix(f: MessageFacts): string {
  return f.repo ? `${clean(f.repo)}: ` : '';
}

/**
 * What failed where it broke: a later red run on another commit did not break it, so it only adds "still red at".
 * When that later run failed another stage, what fails now leads and where it broke follows (review39 M4).
 */
function what(f: MessageFacts): string {
  const stage = f.failedStage ? `${clean(f.failedStage)} failed` : 'a stage failed';
  const broke = f.brokenBy ?? f.run;
  const first = f.firstFailedStage;
  if (first !== undefined && first !== f.failedStage) { return `${stage} on ${where(f.run)}; red since ${clean(first)} failed at ${shortSha(broke.sha)}`; }
  const still = broke.sha !== f.run.sha ? `; still red at ${shortSha(f.run.sha)}` : '';
  return `${stage} on ${where(broke)}${still}`;
}

/**
 * A rollback's or switch's run records the release it made live, not the branch's tip: "main at
 * 9baa35b1" named an old release as main's, and "passes again" a check that did not run (walkedit33 M1).
 */
function slotCommand(run: RunRecord): string | undefined {
  return run.trigger === 'rollback' ? 'rollback' : run.trigger === 'switch' ? 'switch' : undefined;
}

function where(run: RunRecord): string {
  const branch = run.branch ? `${clean(run.branch)} at ` : '';
  const dirty = run.dirty === true ? ' with uncommitted changes' : '';
  return `${branch}${shortSha(run.sha)}${dirty}, run ${clean(run.id).slice(0, 8)}`;
}

export { clean };
