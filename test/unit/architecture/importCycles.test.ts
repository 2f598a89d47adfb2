import * as assert from 'assert';
import * as path from 'path';
import { type Edge, importCircles, importEdges } from '../../support/importGraph';
import { projectRoot } from '../../harness/paths';

/**
 * DESIGN.md: "a folder is entered through its index.ts and never imports one that imports it
 * back". Read from the sources, so a new circle fails here before a reviewer has to find it.
 * The same rule holds for the adapters' feature folders in src/vscode.
 */
const CORE = path.join(projectRoot, 'src', 'core');
const ADAPTERS = path.join(projectRoot, 'src', 'vscode');

function describeCircle(circle: string[], edges: readonly Edge[]): string {
  const inside = edges.filter((e) => circle.includes(e.from) && circle.includes(e.to));
  const examples = new Map<string, Edge>();
  for (const e of inside) { if (!examples.has(`${e.from}→${e.to}`)) { examples.set(`${e.from}→${e.to}`, e); } }
  return `${circle.join(' ⇄ ')}:\n${[...examples.values()].map((e) => `    ${e.from} → ${e.to} (${e.file} imports '${e.spec}')`).join('\n')}`;
}

function assertNoCircle(edges: readonly Edge[], where: string): void {
  const circles = importCircles(edges);
  assert.strictEqual(circles.length, 0, `import circles in ${where}:\n  ${circles.map((c) => describeCircle(c, edges)).join('\n  ')}`);
}

describe('architecture: src/core imports', () => {
  const edges = importEdges(CORE);

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
    assertNoCircle(edges, 'src/core');
  });

  it('src/core imports nothing outside itself but packages (no vscode adapter, no CLI)', () => {
    const outside = edges.filter((e) => e.to.startsWith('outside:'));
    assert.deepStrictEqual(outside.map((e) => `${e.file} → ${e.spec}`), []);
  });
});

/**
 * A file directly in src/vscode is a node of its own, named `workbench.ts`, `lifecycle.ts`:
 * workbench.ts wires every folder, and the helpers (lifecycle.ts, trust.ts, webviewHtml.ts,
 * lazyCommands.ts) are used by the folders and import none. Taken as one "root" node they would
 * make every folder that disposes through lifecycle.ts a circle with the wiring that builds it,
 * a circle no module has. Each alone, a real one is still found: a folder importing workbench.ts,
 * or a helper importing a folder that uses it.
 */
describe('architecture: src/vscode imports', () => {
  const edges = importEdges(ADAPTERS);

  it('reads the imports it should (known edges are found, files at the top as their own nodes)', () => {
    assert.ok(edges.some((e) => e.from === 'workbench.ts' && e.to === 'status'), 'workbench.ts → status not found');
    assert.ok(edges.some((e) => e.from === 'config' && e.to === 'lifecycle.ts'), 'config → lifecycle.ts not found');
    assert.ok(edges.some((e) => e.from === 'views' && e.to === 'terminal' && e.file === path.join('views', 'openStageLog.ts')),
      'a type-only import (views/openStageLog.ts → terminal) counts');
  });

  it('no folder of src/vscode imports another that imports it back, directly or around a circle', () => {
    assertNoCircle(edges, 'src/vscode');
  });

  it('nothing in src/vscode imports workbench.ts: it wires them, src/extension.ts loads it', () => {
    assert.deepStrictEqual(edges.filter((e) => e.to === 'workbench.ts').map((e) => `${e.file} → ${e.spec}`), []);
  });

  it('src/vscode imports nothing outside itself but src/core and packages (not src/extension.ts, not the CLI)', () => {
    const outside = edges.filter((e) => e.to.startsWith('outside:') && !e.to.startsWith(`outside:..${path.sep}core`));
    assert.deepStrictEqual(outside.map((e) => `${e.file} → ${e.spec}`), []);
  });
});
