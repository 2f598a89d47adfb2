/** Show Deploy History: deploy.json's records, newest first, and what each slot holds. */
import { deployContext, deployRunning, interruptedSwitch, liveUnknownText, recentRecords } from '../deploy';
import type { PipelineEngine } from '../engine';
import type { DeployHistory } from './types';

export async function deployHistory(engine: PipelineEngine, limit = 20): Promise<DeployHistory> {
  const { store, lock } = await deployContext(engine);
  const { state, problems, corrupt } = await store.read();
  // An interrupted switch: `live` in deploy.json may be wrong, so it is not shown as live.
  const interrupted = state.switching ? interruptedSwitch(state, await deployRunning(lock)) : undefined;
  const live = interrupted ? { live: 'unknown', problems: [liveUnknownText(interrupted, undefined), ...problems] } : { ...(state.live !== undefined ? { live: state.live } : {}), problems };
  return {
    records: recentRecords(state, limit),
    ...live,
    ...(state.previous !== undefined ? { previous: state.previous } : {}),
    slots: state.slots,
    ...(state.lastNonProdPass ? { lastNonProdPass: state.lastNonProdPass } : {}),
    ...(corrupt !== undefined ? { corrupt } : {}),
  };
}
