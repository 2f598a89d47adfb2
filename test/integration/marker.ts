/** Logged by the in-host runner before mocha starts, so the harness can drop workbench chatter. */
export const SUITES_BEGIN = '[gearshift] integration suites begin';

/**
 * A suite asks runner A's harness to answer a quick input with real keystrokes (the extension
 * API cannot type into one): it logs this prefix and JSON `{ title, text }`; the harness waits
 * for the input titled so, types `text` and presses Enter. Runner A sets GEARSHIFT_HARNESS_KEYBOARD=1.
 */
export const TYPE_REQUEST = '[gearshift] harness, type into quick input: ';
export interface TypeRequest { title: string; text: string }
