/**
 * How deep a flags file's objects and arrays are nested, found by jsonc-parser's scanner, which
 * loops: its parser and getNodeValue recurse once per level, so `[[[[…]]]]` a few thousand deep
 * ended in "Maximum call stack size exceeded" instead of a place in the file (rereview37b F6).
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';

/**
 * Objects and arrays inside each other: every documented shape of flagd's format (the tests'
 * FLAGD_EXAMPLE) fits in 8; getNodeValue ran out of stack at 3,000.
 */
export const MAX_FLAGS_NESTING = 128;

/** Offset of the first `{` or `[` nested deeper than MAX_FLAGS_NESTING, or undefined. */
export function tooDeepAt(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > MAX_FLAGS_NESTING) { return scanner.getTokenOffset(); }
    } else if ((token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}
