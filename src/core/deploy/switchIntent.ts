/**
 * The switch intent (stateModel's `switching`): written to deploy.json before the switch script
 * starts and cleared in the same write that records the outcome. The script is the only thing
 * that moves traffic, and nothing can record what it did if its process (the CLI, the editor's
 * host) is killed while it runs, or if it is cancelled part-way. An intent still standing with no
 * live owner therefore means: which slot is live is unknown. Deploy, switch, rollback and keep refuse
 * then, naming both slots, until a person says which one to make live (`gearshift switch --to`).
 */
import { shortSha } from '../format';
import type { DeployState, SwitchIntent } from './stateModel';

/**
 * The intent no live run owns any more, or undefined. `running(runId)`: whether that run still
 * holds the deploy lock (release/facts.ts deployRunning); under the deploy lock pass `() => false`.
 */
export function interruptedSwitch(state: DeployState, running: (runId: string) => boolean): SwitchIntent | undefined {
  const intent = state.switching;
  return intent !== undefined && !running(intent.runId) ? intent : undefined;
}

/** The slot that is not `slot`: the intent's `from`, else the other configured one. */
export function otherSlot(intent: SwitchIntent, slots: readonly string[] | undefined): string | undefined {
  return intent.from !== undefined && intent.from !== intent.to ? intent.from : slots?.find((s) => s !== intent.to);
}

/** How to get out: make one slot live on purpose, which runs the script again and records it. */
export function liveUnknownWayOut(intent: SwitchIntent, slots: readonly string[] | undefined): string {
  const other = otherSlot(intent, slots);
  const either = other !== undefined ? `\`gearshift switch --to ${intent.to}\` or \`gearshift switch --to ${other}\`` : `\`gearshift switch --to ${intent.to}\``;
  return `check which slot serves traffic, then ${either} (it runs the switch script for that slot and records it as live)`;
}

/** "the switch to blue (5098ccdd) was interrupted: which slot is live is unknown; check …". */
export function liveUnknownText(intent: SwitchIntent, slots: readonly string[] | undefined): string {
  const by = intent.kind === 'switch' ? '' : ` by a ${intent.kind === 'rollback' ? 'rollback' : 'production deploy'}`;
  return `the switch to ${intent.to} (${shortSha(intent.sha)})${by} was interrupted: which slot is live is unknown; ${liveUnknownWayOut(intent, slots)}`;
}

/** What a cancel during the script says: it cannot know whether traffic moved. */
export function cancelledSwitchText(intent: SwitchIntent, slots: readonly string[] | undefined): string {
  return `switch to ${intent.to} was cancelled while its script ran: the script may have moved traffic, so which slot is live is unknown; ${liveUnknownWayOut(intent, slots)}`;
}
