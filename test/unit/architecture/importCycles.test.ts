import * as assert from 'assert';
import * as path from 'path';
import { coreImportEdges, type Edge, importCircles } from '../../support/importGraph';
import { projectRoot } from '../../harness/paths';

/**
 * DESIGN.md: "a folder is entered through its index.ts and never imports one that imports it
 * back". Read from the sources, so a new circle fails here before a reviewer has to find it.
 */
const CORE = path.join(projectRoot, 'src', 'core');

function describeCircle(circle: string[], edges: readonly Edge[]): string {
  const inside = edges.filter((e) => circle.includes(e.from) && circle.includes(e.to));
  const examples = new Map<string, Edge>();
  for (const e of inside) { if (!examples.has(`${e.from}→${e.to}`)) { examples.set(`${e.from}→${e.to}`, e); } }
  return `${circle.join(' ⇄ ')}:\n${[...examples.values()].map((e) => `    ${e.from} → ${e.to} (${e.file} imports '${e.spec}')`).join('\n')}`;
}

describe('architecture: src/core imports', () => {
  const edges = coreImportEdges(CORE);

  it('reads the imports it should (a known edge is found)', () => {
    // Guards against a parser that finds nothing and so "passes": release drives the engine.
    assert.ok(edges.some((e) => e.from === 'release' && e.to === 'engine'), 'release → engine not found');
    assert.ok(edges.some((e) => e.from === 'deploy' && e.to === 'engine' && e.file.endsWith('engineEvents.ts')),
      'a `declare module` augmentation counts as an import');
  });

  it('finds a circle when there is one (the detector itself)', () => {
    const made = (from: string, to: string): Edge => ({ from, to, file: `${from}/x.ts`, spec: `../${to}` });
    assert.deepStrictEqual(importCircles([made('a', 'b'), made('b', 'c'), made('c', 'a'), made('c', 'd')]), [['a', 'b', 'c']]);
    assert.deepStrictEqual(importCircles([made('a', 'b'), made('b', 'c')]), []);
  });

  it('no folder of src/core imports another that imports it back, directly or around a circle', () => {
    const circles = importCircles(edges);
    assert.strictEqual(circles.length, 0, `import circles in src/core:\n  ${circles.map((c) => describeCircle(c, edges)).join('\n  ')}`);
  });

  it('src/core imports nothing outside itself but packages (no vscode adapter, no CLI)', () => {
    const outside = edges.filter((e) => e.to.startsWith('outside:'));
    assert.deepStrictEqual(outside.map((e) => `${e.file} → ${e.spec}`), []);
  });
});
