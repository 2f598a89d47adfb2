// @ts-check
/**
 * gearshift/core-index-only: a folder of src/core is entered through its index.ts (DESIGN.md).
 * A static import (or re-export) from outside src/core/<folder> may name the folder, never a
 * file inside it. Dynamic import() is not checked: a lazy chunk boundary may name the module it
 * loads, so webpack can keep it out of the extension's first bundle.
 */
import * as path from 'node:path';

/** The src/core/<folder> a path is in, or undefined. */
function coreFolder(coreRoot, file) {
  const rel = path.relative(coreRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) { return undefined; }
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const coreIndexOnly = {
  meta: {
    type: 'problem',
    docs: { description: 'import a src/core folder only through its index.ts' },
    messages: { pastIndex: "'{{spec}}' reaches past src/core/{{folder}}/index.ts: import '{{suggest}}' (and export the name from that index)." },
    schema: [],
  },
  create(context) {
    const file = context.physicalFilename;
    const srcIndex = file.split(path.sep).lastIndexOf('src');
    if (srcIndex < 0) { return {}; }
    const coreRoot = path.join(file.split(path.sep).slice(0, srcIndex + 1).join(path.sep) || path.sep, 'core');
    const own = coreFolder(coreRoot, file);
    const check = (node) => {
      const spec = node.source && node.source.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) { return; }
      const target = path.resolve(path.dirname(file), spec);
      const folder = coreFolder(coreRoot, target);
      if (folder === undefined || folder === own) { return; }
      const entry = path.join(coreRoot, folder);
      if (target === entry || target === path.join(entry, 'index')) { return; }
      let suggest = path.relative(path.dirname(file), entry);
      if (!suggest.startsWith('.')) { suggest = `./${suggest}`; }
      context.report({ node: node.source, messageId: 'pastIndex', data: { spec, folder, suggest } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

import { notificationTextRule } from './notificationText.mjs';

export default { rules: { 'core-index-only': coreIndexOnly, 'notification-text': notificationTextRule } };
