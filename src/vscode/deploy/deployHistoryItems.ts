/** Show Deploy History's quick pick items: one deploy record each (no `vscode` import, so tested in plain node). */
import type { DeployRecord, DeployResult } from '../../core/deploy';
import { pickText, shortSha } from '../../core/format';

export interface DeployHistoryItem { label: string; description: string; detail: string | undefined }

/** The icon beside the result's word; inconclusive waits for a decision, as the status bar's `$(question)` says. */
const RESULT_ICON: Record<DeployResult, string> = { ok: '$(pass)', alert: '$(warning)', inconclusive: '$(question)', failed: '$(error)' };

/** "$(error) failed: production deploy → blue": the record's own word, since a screen reader reads an icon by its name ("error"). */
export function deployHistoryItem(r: DeployRecord): DeployHistoryItem {
  return {
    label: `${RESULT_ICON[r.result]} ${r.result}: ${pickText(`${r.environment} ${r.kind}${r.slot ? ` → ${r.slot}` : ''}`)}`,
    description: `${shortSha(r.sha)} · ${new Date(r.at).toLocaleString()}${r.approvedBy ? ` · by ${pickText(r.approvedBy)}` : ''}`,
    detail: r.message === undefined ? undefined : pickText(r.message),
  };
}
