/**
 * Nesting depth, checked on yaml's concrete syntax tree before the document is built: building
 * it recurses once per level, so `[[[[…]]]]` a few thousand deep would end in "Maximum call
 * stack size exceeded" at a random spot. The CST parser is iterative, and so is this walk.
 */
import { Parser, type CST } from 'yaml';
import { MAX_NESTING } from './limits';

/** Offset of the first collection nested deeper than MAX_NESTING, or undefined. */
export function tooDeepAt(text: string): number | undefined {
  const stack: Array<{ token: CST.Token | undefined; depth: number }> = [];
  for (const token of new Parser().parse(text)) { stack.push({ token, depth: 0 }); }
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: CST.Token | undefined; depth: number };
    if (!token) { continue; }
    if (token.type === 'document') {
      stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_NESTING) { return token.offset; }
      for (const item of token.items) {
        const key = 'key' in item ? item.key : undefined;
        stack.push({ token: key ?? undefined, depth: depth + 1 }, { token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
