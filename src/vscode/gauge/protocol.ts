/**
 * The one message protocol between the gauge webview (media/gauge.js) and the extension.
 * media/gauge.js imports these types through JSDoc, so both sides change together. Everything
 * here is plain data: strings from git, config or history are set with textContent only.
 */

import type { GaugeView } from '../../core/gears';

export type { Band, GaugeView } from '../../core/gears';

export type ToWebview =
  /** `problem`: the last recompute failed; `view` is then the last good one, no longer current. `below`: with no view, pipelines were found in subfolders (offer them, not Run Pipeline). */
  | { readonly type: 'state'; readonly view: GaugeView | null; readonly note: string; readonly problem?: string; readonly below?: boolean }
  /** The red timer the limiting factor's why starts with, read again on the status bar's tick ("red for 7m"): drawn in place. */
  | { readonly type: 'redTimer'; readonly text: string }
  /** The "… ago" texts read again on the ages' tick (core/gears gaugeAges): the last run's line, the oldest waiting commit's age, each listed commit's age, drawn in place. */
  | { readonly type: 'ages'; readonly lastRun: string | null; readonly oldestAge: string | null; readonly commitAges: readonly string[] }
  /** A light message while a run is going: no need to recompute the whole gauge. */
  | { readonly type: 'running'; readonly text: string | null }
  /** Scroll to (and focus) a part of the page: a link such as the walkthrough's "Show Readiness Checklist" lands there. Sent after a state. */
  | { readonly type: 'reveal'; readonly section: GaugeSection };

/** The parts of the gauge a link may land on: a closed list. */
export type GaugeSection = 'checklist';

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'command'; readonly command: GaugeCommand }
  /** The link to the walkthrough's next step; the extension checks `step` against its own list. */
  | { readonly type: 'openWalkthroughStep'; readonly step: string };

/** Commands the webview may ask for: a closed list, never a free-form id from the page. */
export type GaugeCommand = 'gearshift.createPipeline' | 'gearshift.openWalkthrough' | 'gearshift.showTerminal' | 'gearshift.openSubfolderPipeline';
