/**
 * Whether a file says it is in flagd's format. `flags.json` is a common name: where no pipeline
 * names its flags files (no `.gearshift.yml`), another tool's file of that name is not Gearshift's
 * to check (review37a F2), unless it declares flagd's `$schema`.
 */
import { parse } from 'jsonc-parser';

/** flagd's published schema (flagd.dev) or its source repository (open-feature/flagd-schemas). */
const FLAGD_SCHEMA = /^https?:\/\/(flagd\.dev\/schema\/|raw\.githubusercontent\.com\/open-feature\/flagd-schemas\/)/;

export function declaresFlagdSchema(text: string): boolean {
  const value: unknown = parse(text, [], { allowTrailingComma: true });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) { return false; }
  const schema = (value as Record<string, unknown>).$schema;
  return typeof schema === 'string' && FLAGD_SCHEMA.test(schema);
}
