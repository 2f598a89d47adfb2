/**
 * The gauge's moving texts, its red timer ("red for 7m") and its ages ("commit run, 12s ago"), on the one red ticker
 * the status bar shares: each is a keyed entry, so the ticker arms one timer for the nearest boundary of any of them
 * (none when nothing is shown). The ticker wakes every listener at any entry's boundary; each text here is redrawn
 * only when its own boundary passed, so the page gets what it got from a ticker of its own.
 */
import { redForAt, type RedTicker } from '../../core/redgreen';

const RED_KEY = 'gauge';
const AGE_KEY = 'gaugeAge';

export interface GaugeTickTargets {
  /** The red timer's boundary passed: redraw "red for …" from `now`. */
  red(now: number): void;
  /** An age's boundary passed: redraw the "… ago" texts from `now`. */
  ages(now: number): void;
}

export class GaugeTicks {
  private red: number | undefined;
  private ageSinces: readonly number[] = [];
  /** Per entry, its text's step at the last draw: the ages and the red timer share the red timer's boundaries (redForAt). */
  private redStep = '';
  private ageSteps: string[] = [];
  private readonly off: { dispose(): void };

  constructor(private readonly ticker: RedTicker, private readonly targets: GaugeTickTargets) {
    this.off = ticker.onTick((now) => this.tick(now));
  }

  /** The red timer shown counts from `since` (undefined: none shown). */
  showRed(since: number | undefined): void {
    this.red = since;
    this.redStep = since === undefined ? '' : redForAt(since, this.ticker.now());
    this.ticker.show(RED_KEY, since);
  }

  /** The ages shown count from `sinces` (one entry each). */
  showAges(sinces: readonly number[]): void {
    for (let i = sinces.length; i < this.ageSinces.length; i++) { this.ticker.show(`${AGE_KEY}${i}`, undefined); }
    const now = this.ticker.now();
    sinces.forEach((since, i) => this.ticker.show(`${AGE_KEY}${i}`, since));
    this.ageSinces = [...sinces];
    this.ageSteps = sinces.map((since) => redForAt(since, now));
  }

  private tick(now: number): void {
    const red = this.red !== undefined ? redForAt(this.red, now) : '';
    const ages = this.ageSinces.map((since) => redForAt(since, now));
    const redDue = red !== this.redStep;
    const agesDue = ages.some((step, i) => step !== this.ageSteps[i]);
    this.redStep = red;
    this.ageSteps = ages;
    if (redDue) { this.targets.red(now); }
    if (agesDue) { this.targets.ages(now); }
  }

  /** Its entries leave the shared ticker (its timer stops when no other view shows one). */
  dispose(): void {
    this.off.dispose();
    this.showRed(undefined);
    this.showAges([]);
  }
}
