/**
 * The starter template's failing placeholder command, apart from the template itself: the gauge's
 * checklist and the red advice read it, and the template's module loads the YAML library, which
 * `status` keeps off its path (test/system/cli/statusParseStore.test.ts).
 */
/** What every starter command the template could not fill begins with: the checklist reads it as "still TODO". */
export const STARTER_TODO = 'echo "TODO: put ';

/** The stage's command is still the starter's failing placeholder. */
export function isStarterTodo(run: string): boolean {
  // The whole command's shape: a real command that merely mentions the TODO is not one.
  return /^echo "TODO: put [^"]* here" && exit 1$/.test(run.trim());
}
