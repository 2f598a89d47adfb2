/**
 * The one message protocol between the gauge webview (media/gauge.js) and the extension.
 * media/gauge.js imports these types through JSDoc, so both sides change together.
 */
import type { Gear } from '../../core/gears/model';

export interface GaugeState {
  readonly gears: readonly Gear[];
  /** null until Gearshift has seen production deploys: the gauge says so instead of guessing. */
  readonly currentGear: number | null;
  readonly doraSource: string;
  readonly note: string;
}

export type ToWebview = { readonly type: 'state'; readonly state: GaugeState };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'command'; readonly command: GaugeCommand };

/** Commands the webview may ask for: a closed list, never a free-form id from the page. */
export type GaugeCommand = 'gearshift.createPipeline' | 'gearshift.runPipeline';
