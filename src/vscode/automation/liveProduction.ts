import type { FolderPipeline } from '../pipeline/workspacePipelines';

/** What the tooltip and the gauge say of production for a folder: the live slot (blue/green), or why it is unknown. */
export interface ProductionShown {
  /** The live blue/green slot; "unknown (…)" after an interrupted switch; undefined before the first switch. */
  slot?: string;
  /** Without blue/green, a deploy stopped in its production stages: `gearshift status`'s words for it. */
  unknown?: string;
}

/** The tooltip's words for an interrupted switch (deploy.json's intent with no live owner: `live` may be wrong). */
const SWITCH_INTERRUPTED = 'unknown (a switch was interrupted: see gearshift status)';

/**
 * What production serves, per folder, as `gearshift status` says it (core/deploy productionIn):
 * read from deploy.json (shared with the CLI) and kept for the tooltip, which is synchronous.
 * Read again on every deploy event, deploy.json change and run of another process.
 */
export class LiveProduction {
  private readonly shown = new Map<string, ProductionShown>();

  /** Whether the folder was read once (the tooltip asks for a read when not). */
  has(fp: FolderPipeline): boolean { return this.shown.has(fp.folder.uri.toString()); }

  /** The tooltip's lines: "Live slot: blue", or "Production unknown: the production deploy of … was interrupted …". */
  notes(fp: FolderPipeline): string[] {
    const shown = this.shown.get(fp.folder.uri.toString());
    return [
      ...(shown?.slot !== undefined ? [`Live slot: ${shown.slot}`] : []),
      ...(shown?.unknown !== undefined ? [`Production unknown: ${shown.unknown}`] : []),
    ];
  }

  /** Reads deploy.json again; an unreadable one shows nothing (its deploy commands say why). */
  async read(fp: FolderPipeline): Promise<ProductionShown> {
    try {
      const files = await import(/* webpackChunkName: "deploy" */ '../../core/deploy/deployFiles');
      const now = await import(/* webpackChunkName: "deploy" */ '../../core/deploy/productionNow');
      const { store, lock } = await files.deployContext(fp.engine);
      const read = await store.read();
      const { state } = read;
      const interrupted = state.switching !== undefined && (await files.decisionStateIn(await fp.engine.dataDir())).liveUnknown !== undefined;
      const slot = interrupted ? SWITCH_INTERRUPTED : state.live;
      const unknown = await now.productionUnknownText(read, lock);
      const shown = { ...(slot !== undefined ? { slot } : {}), ...(unknown !== undefined ? { unknown } : {}) };
      this.shown.set(fp.folder.uri.toString(), shown);
      return shown;
    } catch {
      return {};
    }
  }
}
