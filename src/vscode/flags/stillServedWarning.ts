/**
 * After Toggle turned a flag off: off for a request with no context, while its targeting can
 * still serve on to some requests (a dogfooding flag, on for internal users). `gearshift flags set
 * KEY off` says so on a `!` line; here the change's own notification becomes a warning in the same
 * words (core/flags stillServed.ts), one notification for one change, whose button turns it off
 * for everyone in that environment (the kill switch's change: disabled, so flagd serves the code
 * default to all). `{ offForEveryone: true }` as the command's argument presses the button (a
 * notification cannot be clicked from a test or a keybinding).
 */
import { alreadyText, killSwitch, stillServedAfterOff, type ChangeOutcome } from '../../core/flags';
import type { FlagSummary, FlagsModel } from './flagsModel';
import { applyChange, type Caveat } from './flagPicks';

const OFF_FOR_EVERYONE = 'Turn Off for Everyone';

/** The caution to say with an `off` change, and the variant still served (what the command returns). */
export interface StillServedCaveat extends Caveat {
  readonly variant: string;
  /** The button's change, awaited. */
  turnOff(): Promise<ChangeOutcome | undefined>;
}

/** Asked after the change is made: undefined when off is off for every request. */
export async function stillServedCaveat(model: FlagsModel, summary: FlagSummary, environment: string): Promise<StillServedCaveat | undefined> {
  const still = await stillServedAfterOff(summary.folder.ctx, summary.key, environment);
  if (still === undefined) { return undefined; }
  const turnOff = (): Promise<ChangeOutcome | undefined> => applyChange(model, summary.folder, 'turn a feature off for everyone',
    (who) => killSwitch(summary.folder.ctx, summary.key, { env: environment, who }), { offerUndo: true, already: alreadyText(summary.key, 'off', environment) });
  return {
    variant: still.variant,
    // The change before it already names the key and the environment (walkedit33 L3).
    text: `${still.sentence}. "${OFF_FOR_EVERYONE}" disables it: flagd then serves the code default to every request.`,
    button: OFF_FOR_EVERYONE,
    turnOff,
    press: () => { void turnOff(); },
  };
}

/** The command's argument pressed the button for the caller (tests, keybindings). */
export function pressesOffForEveryone(arg: unknown): boolean {
  return (arg as { offForEveryone?: unknown } | undefined)?.offForEveryone === true;
}
