/** Offsets in a flags file → `file:line:col` errors (1-based, like config errors). */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { FlagFileError } from './types';

export class FlagErrors {
  private readonly lineStarts: number[] = [0];
  private readonly list: FlagFileError[] = [];

  constructor(readonly file: string, text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) { this.lineStarts.push(i + 1); }
  }

  get count(): number { return this.list.length; }
  errors(): FlagFileError[] { return [...this.list]; }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) { lo = mid; } else { hi = mid - 1; }
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo] + 1 };
  }

  at(offset: number, length: number, message: string): void {
    this.list.push({ file: this.file, ...this.position(offset), offset, endOffset: offset + Math.max(length, 1), message });
  }

  atNode(node: Node | undefined, message: string): void {
    this.at(node?.offset ?? 0, node?.length ?? 1, message);
  }
}

/** A JSON pointer (`/flags/a~1b/variants/on`, as flagd's validator reports) → the node, or its nearest ancestor. */
export function nodeAtPointer(root: Node | undefined, pointer: string): Node | undefined {
  if (!root) { return undefined; }
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let n = segments.length; n >= 0; n--) {
    const found = findNodeAtLocation(root, segments.slice(0, n));
    if (found) { return found; }
  }
  return root;
}

/** The property node (key + value) of a value node, so a message can point at the key. */
export function keyNodeOf(value: Node | undefined): Node | undefined {
  const parent = value?.parent;
  return parent?.type === 'property' ? parent.children?.[0] : value;
}
