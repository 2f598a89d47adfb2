import { clip } from '../core/config';

/**
 * A command-line value (or a path built from one) echoed in a message, by the rule for quotes of
 * the user's config text (docs/configuration.md): inert (escape sequences are shown, never
 * obeyed) and at most 80 characters, so a 100 KB `--stage` makes a short error.
 */
export function argText(value: string): string {
  return clip(value);
}
