/**
 * Text from a repository (a stage name, a flag key, a path) placed in a command we print for the
 * user to paste, or write into a CI job's script: one POSIX shell word whatever it holds, so a
 * `$(…)`, a quote or a space in it is never run or split by the shell.
 */

/** Always single-quoted (`'` written as `'\''`). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** As written when it is plainly one word (`apps/api`, `new-checkout`), else single-quoted. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(text) ? text : shellQuote(text);
}
