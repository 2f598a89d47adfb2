import type { RunState } from '../pipeline';

/** The CLI contract's exit codes, shared with VS Code tasks: 0 green, 1 red, 130 cancelled. */
export function exitCodeFor(state: RunState): number {
  switch (state) {
    case 'green': return 0;
    case 'red': return 1;
    case 'cancelled': case 'interrupted': return 130;
    case 'running': return 1;
  }
}
