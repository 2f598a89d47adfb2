import * as Mocha from 'mocha';

/**
 * Mocha's spec reporter plus one closing line in the plain form CI reads:
 * `N passed, N failed[, N skipped]`. Used by every suite (unit, integration, e2e).
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      if (!s) { return; }
      const skipped = s.pending ? `, ${s.pending} skipped` : '';
      console.log(`${s.passes} passed, ${s.failures} failed${skipped}`);
    });
  }
}

export = SummaryReporter;
