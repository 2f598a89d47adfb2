/**
 * Job ids from stage names. Both engines want ids that are plain (GitHub: letters, digits, `-`,
 * `_`, starting with a letter or `_`); stage names are free text ("Build & Test", "Déployer",
 * "部署"). The id is derived from the name alone plus the file order, so the same file always
 * yields the same ids — a regenerated export diffs only where the pipeline changed.
 */

/** Top-level GitLab keywords and special jobs: a job with one of these ids would change meaning. */
const RESERVED = new Set(['image', 'services', 'stages', 'types', 'before_script', 'after_script', 'variables', 'cache', 'include', 'default', 'workflow', 'pages', 'spec']);
const MAX_SLUG = 60;

/** The id one name slugs to, before collisions: ascii, lower case, `-` between words. */
export function slugify(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents off: "Déployer" → "Deployer"
    .replace(/&/g, ' and ')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  if (ascii === '') { return 'stage'; }
  return /^[0-9]/.test(ascii) || RESERVED.has(ascii) ? `stage-${ascii}` : ascii;
}

/**
 * One unique id per name, in the order given. A name whose slug is taken (or whose slug is
 * empty: "部署" and "テスト" both give `stage`) gets the first free `-2`, `-3`, …; `reserved`
 * ids (the exporter's own jobs) are never handed out.
 */
export function jobIds(names: readonly string[], reserved: readonly string[] = []): Map<string, string> {
  const taken = new Set(reserved);
  const ids = new Map<string, string>();
  for (const name of names) {
    const base = slugify(name);
    let id = base;
    for (let n = 2; taken.has(id); n++) { id = `${base}-${n}`; }
    taken.add(id);
    ids.set(name, id);
  }
  return ids;
}
