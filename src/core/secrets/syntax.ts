/**
 * `${{ secrets.NAME }}` references (GitHub Actions' syntax) inside config values. Only the
 * `secrets` context exists here: any other form is a precise error, never passed on as text.
 */

/** Letters, digits and _, not starting with a digit (GitHub's rule; also a valid env var suffix). */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A secret's value must be at least this long: a shorter one would mask ordinary text everywhere. */
export const MIN_SECRET_LENGTH = 4;

export interface SecretReference {
  readonly name: string;
  /** 0-based offsets of `${{ … }}` in the value. */
  readonly start: number;
  readonly end: number;
}

export interface ReferenceProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface ParsedValue {
  readonly references: readonly SecretReference[];
  readonly problems: readonly ReferenceProblem[];
}

const OPEN = '${{';
const CLOSE = '}}';

/** Every reference in `value`, and a problem for each `${{ … }}` that is not `secrets.NAME`. */
export function parseReferences(value: string): ParsedValue {
  const references: SecretReference[] = [];
  const problems: ReferenceProblem[] = [];
  for (let at = value.indexOf(OPEN); at >= 0; at = value.indexOf(OPEN, at + OPEN.length)) {
    const close = value.indexOf(CLOSE, at + OPEN.length);
    if (close < 0) {
      problems.push({ start: at, end: value.length, message: '`${{` is never closed with `}}`; write a secret as `${{ secrets.NAME }}`' });
      break;
    }
    const end = close + CLOSE.length;
    const inner = value.slice(at + OPEN.length, close).trim();
    const problem = innerProblem(inner);
    if (problem === undefined) {
      references.push({ name: inner.slice('secrets.'.length), start: at, end });
    } else {
      problems.push({ start: at, end, message: problem });
    }
    at = end - OPEN.length;
  }
  return { references, problems };
}

function innerProblem(inner: string): string | undefined {
  const dot = inner.indexOf('.');
  const context = dot < 0 ? inner : inner.slice(0, dot);
  const name = dot < 0 ? '' : inner.slice(dot + 1);
  if (context === 'secrets') {
    if (SECRET_NAME.test(name)) { return undefined; }
    return name === ''
      ? '`${{ secrets }}` needs a name: write `${{ secrets.NAME }}`'
      : `secret name ${JSON.stringify(name)} is not valid: use letters, digits and _ and do not start with a digit, e.g. \`\${{ secrets.DEPLOY_TOKEN }}\``;
  }
  if (context === 'secret') { return `unknown context \`secret\`: did you mean \`\${{ secrets.${name || 'NAME'} }}\`?`; }
  if (context === 'env') {
    return `\`\${{ ${inner} }}\` is not supported: only \`\${{ secrets.NAME }}\` is; an environment variable reaches the stage as is, so use \`$${name || 'NAME'}\` in its command`;
  }
  return `\`\${{ ${inner} }}\` is not supported: the only form is \`\${{ secrets.NAME }}\``;
}

/** Names referenced in `value` (valid references only). */
export function referencedNames(value: string): string[] {
  return parseReferences(value).references.map((r) => r.name);
}

/** True when the value holds `${{` at all (a reference or a malformed one). */
export function mentionsReference(value: string): boolean {
  return value.includes(OPEN);
}

/**
 * `value` with each reference replaced by its secret. Throws when one is not in `values`:
 * callers check for missing secrets first, so no process ever gets an empty string instead.
 */
export function substitute(value: string, values: ReadonlyMap<string, string>): string {
  const { references } = parseReferences(value);
  if (references.length === 0) { return value; }
  let out = '';
  let from = 0;
  for (const ref of references) {
    const secret = values.get(ref.name);
    if (secret === undefined || secret === '') { throw new Error(`secret ${ref.name} is not set`); }
    out += value.slice(from, ref.start) + secret;
    from = ref.end;
  }
  return out + value.slice(from);
}

/** A value with each reference replaced by `placeholder`: lets a URL check run on `https://x/${{ secrets.T }}`. */
export function withPlaceholders(value: string, placeholder = 'secret'): string {
  const { references } = parseReferences(value);
  let out = '';
  let from = 0;
  for (const ref of references) { out += value.slice(from, ref.start) + placeholder; from = ref.end; }
  return out + value.slice(from);
}

/** Why a value cannot be stored as a secret, or undefined when it can. */
export function secretValueProblem(value: string): string | undefined {
  if (value.includes('\0')) { return 'a secret cannot hold a NUL character (no process could receive it)'; }
  if (value.trim().length < MIN_SECRET_LENGTH) {
    return `a secret must be at least ${MIN_SECRET_LENGTH} characters (not counting surrounding spaces): a shorter one would be masked everywhere it happens to appear`;
  }
  return undefined;
}

/** Why a name cannot be a secret's name, or undefined when it can. */
export function secretNameProblem(name: string): string | undefined {
  if (SECRET_NAME.test(name)) { return undefined; }
  return 'use letters, digits and _ and do not start with a digit, e.g. DEPLOY_TOKEN';
}
