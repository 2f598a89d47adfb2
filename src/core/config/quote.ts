import { printable } from '../format';
import { MAX_QUOTE_CHARS } from './limits';

/**
 * The user's text quoted back in a message: `"npm tes…"`. Bounded (a 1 MB string must not make a
 * 1 MB message) and inert (a name may hold escape sequences; the message goes to a terminal).
 */
export function quote(text: string): string {
  return `"${printable(text, { max: MAX_QUOTE_CHARS })}"`;
}

/** The same without the quotes, for text shown in backticks: \`name\`. */
export function clip(text: string): string {
  return printable(text, { max: MAX_QUOTE_CHARS });
}
