/** The export code (and the YAML library it needs) is its own chunk: loaded on the first export or drift check, not at activation. */
export type ExportModule = typeof import('../../core/export');

export function loadExport(): Promise<ExportModule> {
  return import(/* webpackChunkName: "export" */ '../../core/export');
}
