/** What a PipelineEngine is made with: its folder, and what the front (editor or CLI) lends it. */
import type { RunHolderKind } from '../lock';
import type { RunOptions } from '../pipeline';
import type { SecretSource } from '../secrets';
import type { RunHooksFactory } from './hooks';

export interface EngineOptions {
  /** The workspace folder: stages run here unless they set `cwd`. */
  folder: string;
  /** Default: `<folder>/.gearshift.yml`. */
  configFile?: string;
  /** Manual gates; absent → declined. */
  approve?: RunOptions['approve'];
  /**
   * Why nobody can answer a manual gate here (the CLI in CI or with no terminal, without --yes),
   * when `approve` declines each one unasked: a production stage's gate then stops the run before
   * its first production stage (unansweredGate.ts). The editor, which can always ask, sets none.
   */
  nobodyCanApprove?: string;
  baseEnv?: NodeJS.ProcessEnv;
  color?: boolean;
  killGraceMs?: number;
  /** Default: derived from the folder (inside `.git`). Tests point it elsewhere. */
  historyFile?: string;
  /** Work added to runs from above (core/deploy's `deployRunHooks()`); without hooks a run selecting a production stage is refused. */
  hooks?: RunHooksFactory;
  /** Values for `${{ secrets.NAME }}` (CLI: GEARSHIFT_SECRET_NAME; editor: SecretStorage); absent: none is set. */
  secrets?: SecretSource;
  /** Recorded in the run lock while this engine runs: a command refused by the lock says where to answer or stop the run. */
  holderKind?: RunHolderKind;
}
