/** What a screen reader hears for the status bar item (its accessibilityInformation.label). */
import { withoutIcons } from '../format';

/** The icon a run going on shows; "loading…" shows it too, but says so in its words. */
const SPINNER = '$(sync~spin) ';

/**
 * The item's text without its icons. Red and green are words in that text, but a run going on is
 * only the spinning icon, so "running" is said after the lead. `runningLead`: the item's lead
 * ("Gearshift:" or "Gearshift (api):") when the text is the workspace's own run.
 */
export function statusBarLabel(text: string, runningLead?: string): string {
  const spoken = withoutIcons(text);
  if (runningLead === undefined || !text.startsWith(`${SPINNER}${runningLead} `)) { return spoken; }
  const lead = withoutIcons(runningLead);
  return `${lead} running, ${spoken.slice(lead.length + 1)}`;
}
