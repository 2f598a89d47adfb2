/**
 * The starter template's failing placeholder command, apart from the template itself: the gauge's
 * checklist and the red advice read it, and the template's module loads the YAML library, which
 * `status` keeps off its path (test/system/cli/statusParseStore.test.ts).
 */
/** What every starter command the template could not fill begins with: the checklist reads it as "still TODO". */
export const STARTER_TODO = 'echo "TODO: put ';
/** How the template ends it, after what to put there (template.ts). */
export const STARTER_TODO_END = ' here" && exit 1';

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// The whole command's shape: a real command that merely mentions the TODO is not one.
// What it says to put there holds no `$`, backquote or backslash: a placeholder that expands one runs something.
const STARTER_TODO_SHAPE = new RegExp(`^${escaped(STARTER_TODO)}[^"$\`\\\\]*${escaped(STARTER_TODO_END)}$`);

/** The stage's command is still the starter's failing placeholder. */
export function isStarterTodo(run: string): boolean {
  return STARTER_TODO_SHAPE.test(run.trim());
}
