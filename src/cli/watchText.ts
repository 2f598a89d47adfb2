/**
 * What `gearshift watch` prints about commits (runs themselves print as in `gearshift run`):
 * one line per commit, as text or as one JSON object per line. Subjects and branch names are
 * data from git: control characters are shown escaped so they cannot drive the terminal.
 */
import { whyNoRuns } from '../core/automation';
import type { TriggerEvent, TriggerMode } from '../core/automation';
import type { Style } from '../core/render';
import { printable, printableSubject, shortSha } from '../core/format';
import { missingSecretsMessage } from '../core/secrets';
import { jsonText } from './jsonText';
import type { RunRecord } from '../core/pipeline';

/** The start-up line about what commits will do; `warn` when they start no runs. */
export function modeLine(mode: TriggerMode): { text: string; warn: boolean } {
  if (mode.state === 'commit') {
    const which = mode.branches.length ? `each new commit on ${mode.branches.join(', ')}` : 'each new commit';
    return { text: `${which} starts a pipeline run (queue: ${mode.queue})`, warn: false };
  }
  return { text: `commits will NOT start runs: ${whyNoRuns(mode) ?? ''}; they are only listed`, warn: true };
}

/**
 * Text for a trigger event, or '' when the run output (or nothing) says it. `ranBefore`: the run
 * that had a seen commit before this watch started (watchRanBefore.ts), said instead of "triggers a run".
 */
export function eventText(e: TriggerEvent, s: Style, ranBefore?: RunRecord): { text: string; toStderr?: boolean } {
  switch (e.type) {
    case 'commitSeen': {
      const c = e.commit;
      const op = e.operation === 'commit' ? '' : ` (${e.operation})`;
      const where = c.branch === '' ? '(detached)' : printable(c.branch);
      const runs = e.decision.triggers && ranBefore === undefined;
      const head = `${runs ? '●' : '○'} ${s.bold(shortSha(c.sha))} ${s.cyan(where)}${op}  ${printableSubject(c.subject)}`;
      const verdict = runs ? s.green(`→ ${e.decision.message}`)
        : ranBefore && e.decision.triggers ? s.dim(`→ already run ${ranBefore.trigger === 'commit' ? 'before this watch started' : 'by hand'}: run ${ranBefore.id.slice(0, 8)}, ${ranBefore.state}; not run again`)
          : s.dim(`→ not run: ${e.decision.message}`);
      return { text: `${head}  ${verdict}\n` };
    }
    case 'commitsCovered': // after "runs next unless a newer commit comes first": this run is the one that covers it
      return { text: e.shas.map((sha) => s.dim(`○ ${shortSha(sha)} covered by the run for ${shortSha(e.runSha)}\n`)).join('') };
    case 'headMoved':
      return { text: s.dim(`↷ HEAD moved (${e.operation}) to ${shortSha(e.to)}${e.branch ? ` on ${printable(e.branch)}` : ''}: no new commit\n`) };
    case 'commitsDeployed': // a run read from history at start is no news here (`gearshift status` tells it)
      return e.past ? { text: '' } : { text: s.green(`⇡ in production now: ${e.shas.map(shortSha).join(', ')}\n`) };
    case 'ranElsewhere': {
      const by = e.run.sha === e.plan.sha ? '' : ` (as part of ${shortSha(e.run.sha)})`;
      const who = e.run.trigger === 'commit' ? 'by another trigger in this clone' : 'by hand';
      return { text: s.dim(`○ ${shortSha(e.plan.sha)} already run ${who}${by}: run ${e.run.id.slice(0, 8)}, ${e.run.state}; not run again\n`) };
    }
    case 'runNotStarted':
      return { text: `gearshift watch: the run for ${shortSha(e.plan.sha)} could not start: ${e.missingSecrets ? missingSecretsMessage(e.missingSecrets, 'cli') : printableLines(e.reason)}\n`, toStderr: true };
    case 'repoGone':
      return { text: 'gearshift watch: the repository is gone (.git removed?): waiting for it to come back\n', toStderr: true };
    case 'repoAppeared':
      return { text: `gearshift watch: repository found (${e.gitDir}): watching it\n`, toStderr: true };
    case 'error':
      return { text: `gearshift watch: ${printableLines(e.message)}\n`, toStderr: true };
    default:
      return { text: '' }; // runs print through the renderer; configInvalid as file:line:col lines
  }
}

/** One JSON object per line on stdout for `--json`; undefined for events it leaves out. */
export function eventJson(e: TriggerEvent): string | undefined {
  switch (e.type) {
    case 'commitSeen': {
      const d = e.decision;
      return jsonText({
        type: 'commit', sha: e.commit.sha, branch: e.commit.branch, subject: e.commit.subject, operation: e.operation,
        triggers: d.triggers, ...(d.triggers ? {} : { because: d.because }), message: d.message,
      });
    }
    case 'commitsCovered': return e.shas.length ? jsonText({ type: 'covered', shas: e.shas, runSha: e.runSha, runId: e.runId }) : undefined;
    case 'runEnded': return jsonText({ type: 'run', run: e.run });
    case 'commitsDeployed': return e.past ? undefined : jsonText({ type: 'deployed', shas: e.shas, runId: e.runId });
    default: return undefined;
  }
}

/** A message holding data from git (a branch, git's own error text): each line printable, the lines kept. */
function printableLines(text: string): string {
  return text.split('\n').map((line) => printable(line)).join('\n');
}
