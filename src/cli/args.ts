/**
 * A tiny, strict option parser: `--name`, `--name value`, `--name=value`, `-h`. Strict because a
 * misspelt option silently ignored would run the whole pipeline when the user meant one stage.
 */
import { argText } from './argText';

export interface OptionSpec {
  readonly name: string;
  /** 'positional': the first bare argument not taken yet (`gearshift deploy production`). */
  readonly type: 'boolean' | 'string' | 'positional';
  readonly short?: string;
}

/** Any command's values, before its specs are known (main's `--help` check). */
export type ParsedOptions = Record<string, string | true | undefined>;

/** The values one command's specs can produce: `--flag` is `true`, `--name value` a string. */
export type OptionValues<S extends readonly OptionSpec[]> = {
  readonly [K in S[number] as K['name']]?: K['type'] extends 'boolean' ? true : K['type'] extends 'string' | 'positional' ? string : string | true;
};

/** A mistake in how the CLI was called: exit 2, message plus the command's usage on stderr. */
export class UsageError extends Error {}

export function parseOptions<const S extends readonly OptionSpec[]>(args: readonly string[], specs: S): OptionValues<S> {
  return parseUntyped(args, specs) as OptionValues<S>;
}

function parseUntyped(args: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const values: ParsedOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      if (i + 1 < args.length) { throw new UsageError(`unexpected argument '${argText(args[i + 1])}'`); }
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      spec = byName.get(name);
      if (!spec || spec.type === 'positional') { throw new UsageError(`unknown option '--${argText(name)}'`); }
    } else if (arg.startsWith('-') && arg.length > 1) {
      spec = byShort.get(arg.slice(1));
      if (!spec) { throw new UsageError(`unknown option '${argText(arg)}'`); }
    } else {
      const positional = specs.find((s) => s.type === 'positional' && values[s.name] === undefined);
      if (!positional) { throw new UsageError(`unexpected argument '${argText(arg)}'`); }
      values[positional.name] = arg;
      continue;
    }
    if (values[spec.name] !== undefined) { throw new UsageError(`option '--${spec.name}' given twice`); }
    if (spec.type === 'boolean') {
      if (inline !== undefined) { throw new UsageError(`option '--${spec.name}' takes no value`); }
      values[spec.name] = true;
      continue;
    }
    if (inline === undefined) {
      const next = args[i + 1];
      // `--stage --yes` is a forgotten value, not a stage called "--yes"; `--stage=-x` still works.
      if (next === undefined) { throw new UsageError(`option '--${spec.name}' needs a value`); }
      if (next.startsWith('-')) { throw new UsageError(`option '--${spec.name}' needs a value, and '${argText(next)}' is read as an option; if it is the value, write --${spec.name}=${argText(next)}`); }
      inline = next;
      i++;
    }
    if (inline === '') { throw new UsageError(`option '--${spec.name}' needs a value`); }
    values[spec.name] = inline;
  }
  return values;
}
