/**
 * A production deploy the editor's own shutdown stopped. VS Code cannot veto a window reload (or
 * close): deactivation cancels the run, whose end record keeps why (`cancelReason`) and what the
 * deploy left (`deploy`: result, message, the live slot; `slot`: the one it deployed to). The
 * next activation reads that record and says it once, instead of leaving a cancelled row only.
 */
import { shortSha } from '../format';
import type { RunRecord } from '../pipeline';

/** The reason the editor gives the engines it disposes when its window closes or reloads. */
export const WINDOW_CLOSED_REASON = 'the editor window was closed or reloaded';

/** What the run's `deploy` field holds (productionHooks.ts applyDeployOutcome). */
interface DeploySummary { result?: unknown; live?: unknown; liveUnknown?: unknown }

/** The notice for `run` when the window's shutdown stopped its production deploy; else undefined. */
export function stoppedDeployNotice(run: RunRecord | undefined): string | undefined {
  if (!run || run.state !== 'cancelled' || run.cancelReason !== WINDOW_CLOSED_REASON) { return undefined; }
  const deploy = run.deploy as DeploySummary | undefined;
  if (deploy?.result !== 'cancelled') { return undefined; } // it never reached production: nothing to tell
  const lead = `The production deploy of ${shortSha(run.sha)} was stopped by the window reload (or close)`;
  const live = typeof deploy.live === 'string' ? deploy.live : undefined;
  const slot = typeof run.slot === 'string' ? run.slot : undefined;
  if (slot === undefined) { return `${lead}; its production stage was killed partway, so check what production runs.`; }
  if (deploy.liveUnknown === true) { return `${lead} while its switch to ${slot} ran: the script may have moved traffic, so which slot is live is unknown; check, then \`gearshift switch --to\` the slot that should be live.`; }
  if (live === undefined) { return `${lead}; nothing was switched to ${slot}, and no slot is recorded as live.`; }
  if (live === slot) { return `${lead} after the switch: ${live} is live with it, and its monitoring was stopped.`; }
  return `${lead}; ${live} is still live.`;
}
