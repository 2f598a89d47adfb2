/**
 * GitHub's own workflow parser (@actions/workflow-parser, what the Actions extension uses) for
 * the tests. Its ESM build imports JSON without import attributes, which Node refuses; esbuild
 * bundles it once per process into a CommonJS file with a JSON loader, in a temp folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

/** The parts of the parser's API the tests use. */
export interface WorkflowParser {
  parseWorkflow(file: { name: string; content: string }, trace: unknown): { context: { errors: { getErrors(): Array<{ message: string }> } }; value: unknown };
  convertWorkflowTemplate(context: unknown, root: unknown): Promise<{ jobs: Array<{ id: { value: string }; name?: { toString(): string }; needs?: Array<{ value: string }> }>; errors?: Array<{ Message: string }> }>;
  NoOperationTraceWriter: new () => unknown;
  /** @actions/expressions, the evaluator the parser itself uses. */
  Lexer: new (text: string) => { lex(): { tokens: unknown[] } };
  Parser: new (tokens: unknown[], contexts: string[], functions: unknown[]) => { parse(): unknown };
  Evaluator: new (expr: unknown, context: unknown) => { evaluate(): { coerceString(): string } };
  data: { Dictionary: new () => unknown };
}

let loaded: { parser: WorkflowParser; dir: string } | undefined;

export function loadWorkflowParser(projectRoot: string): WorkflowParser {
  if (loaded) { return loaded.parser; }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-workflow-parser-'));
  const outfile = path.join(dir, 'workflow-parser.cjs');
  buildSync({
    stdin: { contents: "export * from '@actions/workflow-parser';\nexport { Lexer, Parser, Evaluator, data } from '@actions/expressions';", resolveDir: projectRoot, loader: 'js' },
    bundle: true, platform: 'node', format: 'cjs', outfile, loader: { '.json': 'json' }, logLevel: 'error',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle built at run time
  loaded = { parser: require(outfile) as WorkflowParser, dir };
  return loaded.parser;
}

export function removeWorkflowParser(): void {
  if (loaded) { fs.rmSync(loaded.dir, { recursive: true, force: true }); }
  loaded = undefined;
}

export interface ParsedWorkflow { errors: string[]; jobs: Array<{ id: string; name: string; needs: string[] }> }

/** parseWorkflow then convertWorkflowTemplate, as the Actions extension does; every error from both. */
export async function parseWithGithub(parser: WorkflowParser, content: string): Promise<ParsedWorkflow> {
  const parsed = parser.parseWorkflow({ name: '.github/workflows/gearshift.yml', content }, new parser.NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value === undefined) { return { errors: [...errors, 'no workflow value'], jobs: [] }; }
  const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
  errors.push(...(template.errors ?? []).map((e) => e.Message));
  const jobs = (template.jobs ?? []).map((j) => ({ id: j.id.value, name: j.name?.toString() ?? '', needs: (j.needs ?? []).map((n) => n.value) }));
  return { errors, jobs };
}

/**
 * The text GitHub makes of a value the parser read (a name, an env value): a plain string as it
 * is, an expression evaluated with no context at all, so one that reads `secrets` or `github`
 * throws instead of passing for text.
 */
export function evaluatedText(parser: WorkflowParser, token: unknown): string {
  const json = JSON.parse(JSON.stringify(token)) as string | { expr: string };
  if (typeof json === 'string') { return json; }
  const expression = new parser.Parser(new parser.Lexer(json.expr).lex().tokens, [], []).parse();
  return new parser.Evaluator(expression, new parser.data.Dictionary()).evaluate().coerceString();
}
