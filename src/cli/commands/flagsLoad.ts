/** What every `gearshift flags` subcommand starts from: the folder, its `flags:` section, who is acting. */
import { formatConfigError, loadPipeline, type FlagsConfig, type Pipeline } from '../../core/config';
import { flagsContextFor, type FlagsContext } from '../../core/flags';
import { approverName } from '../../core/git';
import { printable } from '../../core/format';
import { CliError, EXIT } from '../command';
import type { CliIo } from '../io';
import { locateExistingConfig } from '../locate';

export interface FlagsCli {
  readonly ctx: FlagsContext;
  /** The working copy's pipeline, when there is a `.gearshift.yml` (what `flags set` says about shipping comes from it). */
  readonly pipeline?: { readonly folder: string; readonly configFile: string; readonly pipeline: Pipeline };
  who(): Promise<string>;
}

/**
 * A broken `.gearshift.yml` is exit 2 with its errors; no `.gearshift.yml` means the default flags
 * files, and only those that declare flagd's `$schema`, as in the editor (rereview37 F5).
 */
export async function openFlagsCli(io: CliIo, configPath?: string): Promise<FlagsCli> {
  const located = await locateExistingConfig(io.cwd, configPath);
  let config: FlagsConfig | undefined;
  let pipeline: FlagsCli['pipeline'];
  if (located.found) {
    const loaded = await loadPipeline(located.configFile);
    if (!loaded.ok) {
      throw new CliError(loaded.errors.map((e) => printable(formatConfigError(e))).join('\n'), EXIT.usage);
    }
    config = loaded.pipeline.flags;
    pipeline = { folder: located.folder, configFile: located.configFile, pipeline: loaded.pipeline };
  }
  const ctx: FlagsContext = { ...flagsContextFor(located.folder, config), ...(located.found ? {} : { onlyDeclared: true }) };
  return { ctx, ...(pipeline ? { pipeline } : {}), who: () => approverName(located.folder, io.env) };
}
