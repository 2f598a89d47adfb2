/** Logged by the in-host runner before mocha starts, so the harness can drop workbench chatter. */
export const SUITES_BEGIN = '[gearshift] integration suites begin';
