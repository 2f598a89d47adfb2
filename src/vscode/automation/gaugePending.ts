import { type GaugeView, pendingView } from '../../core/gears';
import type { CommitTrigger } from '../../core/automation';
import { waitingFor } from './commitsWaiting';
import type { FolderAutomation } from './folderAutomation';

/**
 * The gauge's "Waiting for production": HEAD's commits production does not serve, counted from
 * what is live (deploy.json's release, else the newest deploy) by the one function Commits To
 * Deploy uses (commitsWaiting.ts). The commit tracker's marks said "deployed" for commits a
 * rollback then took out of production, so after a rollback the gauge said none was waiting while
 * `gearshift status` said HEAD is not live (review41). Git unable to say: the tracker's commits
 * made since the window opened, as before.
 */
export async function gaugePending(a: FolderAutomation, trigger: CommitTrigger, now: number): Promise<GaugeView['pending']> {
  const tracked = trigger.undeployed();
  const found = await waitingFor(a, now);
  if (!found) { return pendingView(tracked, now); }
  const commits = [...found.commits].reverse(); // oldest first, as the tracker lists them
  const whole = commits.length === found.found.count; // listed in full: the oldest is known
  const oldest = whole ? commits[0] : undefined;
  return { ...pendingView({ count: found.found.count, finish: tracked.finish, ...(oldest ? { oldest } : {}), commits }, now), scope: 'head' };
}
