/**
 * What the commit trigger hands the engine about a commit so the launch does not ask git again:
 * the subject and author the tracker read from the loose object (sha and branch are the plan's,
 * from the reflog line), and where the repository is as the tracker found it (the tracker
 * replaces that when `.git` goes or comes back).
 */
import type { RunRequest } from '../engine';
import type { CommitInfo, CommitTracker } from '../git';

export function knownFacts(info: CommitInfo | undefined, tracker: CommitTracker): Pick<RunRequest, 'subject' | 'known'> {
  if (!info) { return {}; }
  const { root, gitDir, commonDir } = tracker.status();
  const layout = root && gitDir && commonDir ? { root, gitDir, commonDir } : undefined;
  return { subject: info.subject, known: { author: info.author, ...(layout ? { layout } : {}) } };
}
