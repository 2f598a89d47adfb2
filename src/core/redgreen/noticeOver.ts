/**
 * Whether the red a notification was about is still the open red, read off history. A shown
 * notification cannot be closed by an extension, so a red toast stays on screen after its red
 * ended; its buttons must act on that red, never on a later state (review40 H3): Revert Last
 * Commit… on a green pipeline would offer HEAD, the fix.
 */
import type { NewestRuns } from '../history';
import { shortId, shortSha } from '../format';
import { readBackToGreen, redPeriodFromHistory } from './fromHistory';
import { redCause, saysNothingOfRedGreen } from './period';

/**
 * What a red notice shown now is about, for redNoticeOver: the run that started the red period
 * history holds now. With none, `running` (a run still in progress whose failure the notice tells:
 * its red end starts the period); undefined when neither, or history cannot be read (the notice's
 * buttons then act as they always did).
 */
export async function noticeRedRunId(readNewest: (limit: number) => Promise<NewestRuns>, running?: string): Promise<string | undefined> {
  const runs = await readBackToGreen(readNewest).catch(() => undefined);
  if (!runs) { return undefined; }
  return redPeriodFromHistory(runs)?.redRun.id ?? running;
}

/** What the stale notice's button would have done: "nothing to revert", "nothing to re-run". */
export type NoticeAction = 'revert' | 're-run';

/**
 * Undefined while the red that run `redRunId` started is still open (the button acts as before);
 * else what to say instead, plain text without "Gearshift:". A history that cannot be read says
 * nothing (undefined): the command then checks as it always did.
 */
export async function redNoticeOver(readNewest: (limit: number) => Promise<NewestRuns>, redRunId: string, action: NoticeAction): Promise<string | undefined> {
  const runs = await readBackToGreen(readNewest).catch(() => undefined);
  if (!runs) { return undefined; }
  const period = redPeriodFromHistory(runs);
  if (period?.redRun.id === redRunId) { return undefined; }
  const nothing = `nothing to ${action} from this notice, which was about the red run ${shortId(redRunId)} started`;
  if (period) {
    const now = `${redCause(period)} in run ${shortId(period.redRun.id)} (${shortSha(period.redRun.sha)})`;
    return `that red is over; the pipeline is red again since ${now}: ${nothing}; the newest red notice is about this red`;
  }
  const green = runs.find((r) => r.state === 'green' && !saysNothingOfRedGreen(r));
  return `the pipeline is green again${green ? ` (run ${shortId(green.id)})` : ''}: ${nothing}`;
}
