/**
 * The GitLab file as text a YAML 1.1 loader reads back unchanged. GitLab reads `.gitlab-ci.yml`
 * with Ruby's Psych (YAML 1.1): bare `on`, `NO`, `yes`, `1:30`, `0b101`, `2001-12-14`, `1_000`
 * are booleans, numbers and dates there, though Gearshift (YAML 1.2) read them as text.
 */
import { Document, isScalar, visit, type Tags } from 'yaml';

/**
 * Beyond YAML 1.1's own forms (which `yaml` quotes itself under `version: '1.1'`): Psych reads
 * `1,000` and `1,000.5` as numbers, and `=` (the value key) and `<<` (the merge key) are special
 * to 1.1 loaders. Any such text is written quoted; quoting more than needed only costs two `"`.
 */
const LOADER_SPECIAL = /^(?:=|<<|[-+]?[0-9.][0-9_,:.eE+-]*)$/;

const MERGE_TAG = 'tag:yaml.org,2002:merge';

export function stringifyYaml11(value: unknown): string {
  // Without the merge tag: with it, `yaml` writes the text `<<` bare, as the merge key itself.
  const schema = { version: '1.1' as const, customTags: (tags: Tags) => tags.filter((t) => typeof t === 'string' || t.tag !== MERGE_TAG) };
  const doc = new Document(value, { ...schema, aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && LOADER_SPECIAL.test(node.value)) { node.type = 'QUOTE_DOUBLE'; }
    },
  });
  return doc.toString({ lineWidth: 0 });
}
