/** Show Deploy History: deploy.json's records, newest first, and what each slot holds. */
import { deployContext, recentRecords } from '../deploy';
import type { PipelineEngine } from '../engine';
import type { DeployHistory } from './types';

export async function deployHistory(engine: PipelineEngine, limit = 20): Promise<DeployHistory> {
  const { state, problems, corrupt } = await (await deployContext(engine)).store.read();
  return {
    records: recentRecords(state, limit),
    ...(state.live !== undefined ? { live: state.live } : {}),
    ...(state.previous !== undefined ? { previous: state.previous } : {}),
    slots: state.slots,
    ...(state.lastNonProdPass ? { lastNonProdPass: state.lastNonProdPass } : {}),
    problems,
    ...(corrupt !== undefined ? { corrupt } : {}),
  };
}
