import { isMap, isScalar, visit, type Document, type YAMLError } from 'yaml';
import type { Problems } from './problems';
import { keyText } from './reader';

/** Extra words for the yaml errors people actually hit, saying how to fix them. */
const HINTS: Partial<Record<YAMLError['code'], string>> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'check the indentation: items of one list or mapping must line up',
  MISSING_CHAR: 'a quote, bracket or colon is missing',
  BLOCK_AS_IMPLICIT_KEY: 'put a nested mapping on its own indented lines, or quote a value that contains ": "',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; check the indentation of the line below',
  BAD_SCALAR_START: 'quote values that start with @, ` or other reserved characters',
  UNEXPECTED_TOKEN: 'check quoting and indentation here',
};

/**
 * Report yaml's own errors. Syntax errors come first, at most one per line (one stray
 * character often yields a cascade on the same line). Duplicate keys get their own message,
 * naming the key and the line it was first set on.
 * Returns true when there were syntax errors, i.e. the tree is not worth validating.
 */
export function reportYamlErrors(doc: Document, problems: Problems): boolean {
  const linesSeen = new Set<number>();
  let syntax = false;
  for (const e of doc.errors) {
    if (e.code === 'DUPLICATE_KEY') {
      problems.at(e.pos, duplicateKeyMessage(doc, e.pos[0], problems));
      continue;
    }
    syntax = true;
    const line = problems.lineOf(e.pos);
    if (linesSeen.has(line)) { continue; }
    linesSeen.add(line);
    const opened = unclosedQuoteStart(doc, e);
    if (opened !== undefined) {
      problems.at([opened, opened + 1], 'YAML syntax error: this quote is never closed; add the closing quote where the value ends');
      continue;
    }
    const hint = HINTS[e.code];
    problems.at(e.pos, `YAML syntax error: ${firstLine(e.message)}${hint ? `; ${hint}` : ''}`);
  }
  return syntax;
}

/**
 * yaml reports a missing closing quote where the file ends, which can be far below the mistake:
 * the quoted scalar it gave up on runs up to that point, and its start is the quote to point at.
 */
function unclosedQuoteStart(doc: Document, e: YAMLError): number | undefined {
  if (e.code !== 'MISSING_CHAR' || !/^Missing closing ["']quote/.test(e.message)) { return undefined; }
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && node.range && node.range[1] === e.pos[0]) { start = node.range[0]; return visit.BREAK; }
      return undefined;
    },
  });
  return start;
}

/** `*name` with no `&name` before it: yaml only notices when converting, so check up front. */
export function reportBrokenAliases(doc: Document, problems: Problems): void {
  visit(doc, {
    Alias(_, alias) {
      if (!alias.resolve(doc)) {
        problems.at(alias, `\`*${alias.source}\` refers to no anchor; define \`&${alias.source}\` on a value earlier in the file`);
      }
    },
  });
}

function duplicateKeyMessage(doc: Document, offset: number, problems: Problems): string {
  let message = 'duplicate key: each key may appear only once in a mapping; remove one';
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) { return undefined; }
      const dup = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (!dup || !isScalar(dup.key)) { return undefined; }
      const name = keyText(dup.key);
      const first = map.items.find((p) => isScalar(p.key) && keyText(p.key) === name);
      const where = first && first !== dup && isScalar(first.key) ? ` (first set on line ${problems.lineOf(first.key)})` : '';
      message = `duplicate key \`${name}\`${where}: each key may appear only once in a mapping; remove or merge one`;
      return visit.BREAK;
    },
  });
  return message;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
