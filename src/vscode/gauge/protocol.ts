/**
 * The one message protocol between the gauge webview (media/gauge.js) and the extension.
 * media/gauge.js imports these types through JSDoc, so both sides change together. Everything
 * here is plain data: strings from git, config or history are set with textContent only.
 */

export type Band = 'elite' | 'high' | 'medium' | 'low';

export interface GaugeView {
  readonly gear: {
    /** null = neutral: no production deploy seen in the window. */
    readonly number: 1 | 2 | 3 | 4 | 5 | null;
    readonly name: string;
    readonly rhythm: string;
    readonly limitingFactor: string;
    readonly why: string;
    readonly next: readonly string[];
  };
  readonly metrics: readonly { readonly id: string; readonly label: string; readonly display: string; readonly band: Band | null }[];
  readonly bandSource: string;
  readonly sparklines: { readonly deploysPerWeek: readonly number[]; readonly pipelineDurationsMs: readonly number[] };
  readonly stages: readonly { readonly name: string; readonly display: string; readonly medianMs: number; readonly longest: boolean }[];
  readonly checklist: readonly { readonly id: string; readonly gear: number; readonly label: string; readonly status: 'done' | 'missing' | 'unknown'; readonly how: string }[];
  readonly rules: readonly string[];
  readonly lastRun: { readonly state: string; readonly sha: string; readonly branch: string; readonly subject: string; readonly when: string } | null;
  /** Commits not yet deployed to production. */
  readonly pending: { readonly count: number; readonly oldestAge: string; readonly commits: readonly { readonly sha: string; readonly subject: string; readonly age: string }[] } | null;
  /** Blue/green: the live slot, when configured. */
  readonly liveSlot: string | null;
  /** Error rate per interval of the last monitoring window, when there was one. */
  readonly monitor: readonly number[] | null;
}

export type ToWebview =
  /** `problem`: the last recompute failed; `view` is then the last good one, no longer current. */
  | { readonly type: 'state'; readonly view: GaugeView | null; readonly note: string; readonly problem?: string }
  /** A light message while a run is going: no need to recompute the whole gauge. */
  | { readonly type: 'running'; readonly text: string | null };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'command'; readonly command: GaugeCommand };

/** Commands the webview may ask for: a closed list, never a free-form id from the page. */
export type GaugeCommand = 'gearshift.createPipeline' | 'gearshift.runPipeline' | 'gearshift.showTerminal';
