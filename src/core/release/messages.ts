/** Words the deploy commands share. */
import { type ConfigError, formatConfigError } from '../config';

export function formatConfigErrors(errors: readonly ConfigError[]): string {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length === 2 ? '' : 's'})` : '';
  return first ? `.gearshift.yml is invalid: ${formatConfigError(first)}${more}` : '.gearshift.yml is invalid';
}

/** The reason on every stage of an instant rollback's history record (views match "^not selected"). */
export const NOT_SELECTED_ROLLBACK = 'not selected (rollback: a switch back, nothing rebuilt)';
/** The same on a switch by hand's record. */
export const NOT_SELECTED_SWITCH = 'not selected (switch: a slot made live, nothing rebuilt)';
