/**
 * Monitoring on its own (`gearshift monitor`, a palette command): watch the configured probes
 * for the window, as after a deploy, and say whether the alarm would trip. There is no deploy,
 * so no "before" to take a baseline of: only the absolute threshold applies. It changes
 * nothing (no rollback, no lock): it answers "is production healthy right now?".
 */
import { randomUuid } from '../ids';
import { recordBareMonitor, type PipelineEngine } from '../engine';
import { probeSecretNames, probesWithSecrets } from '../config';
import { missingSecretsMessage } from '../secrets';
import { maskOutcome, resolveForOperation } from './operationSecrets';
import { formatLimit } from '../format';
import { deployContext, Monitor } from '../deploy';
import type { Clock, MonitorSample } from '../deploy';
import { formatConfigErrors } from './messages';
import type { MonitorNowOutcome } from './types';

export interface MonitorNowOptions {
  signal?: AbortSignal;
  clock?: Clock;
}

/** An operation of the engine's: it stops (cancelled) when `opts.signal` aborts or the engine is disposed. */
export function monitorNow(engine: PipelineEngine, opts: MonitorNowOptions = {}): Promise<MonitorNowOutcome> {
  return engine.operations.run(opts.signal, (signal) => monitorUntil(engine, { ...opts, signal }));
}

async function monitorUntil(engine: PipelineEngine, opts: MonitorNowOptions): Promise<MonitorNowOutcome> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { result: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  const config = loaded.pipeline.monitor;
  if (!config || config.probes.length === 0) {
    return { result: 'refused', message: 'nothing to monitor: add a `monitor:` section with `window:` and `probes:` to .gearshift.yml' };
  }
  const secrets = await resolveForOperation(engine, probeSecretNames(config.probes));
  if (!secrets.ok) { return { result: 'refused', message: missingSecretsMessage(secrets.missing, 'any'), missingSecrets: secrets.missing }; }
  // The probes' cookie: a monitor killed (-9) leaves its record (engine/ownedRecords.ts), and the next command kills what carries it.
  const runId = randomUuid();
  let monitor: Monitor;
  try {
    const probes = probesWithSecrets(config.probes, secrets.secrets.values);
    monitor = new Monitor({ ...config, probes }, { root: loaded.pipeline.root, env: engine.env, runId, ...(opts.clock ? { clock: opts.clock } : {}) });
  } catch (e) {
    return maskOutcome({ result: 'refused', message: `cannot monitor: ${(e as Error).message}` }, secrets.secrets);
  }
  const samples: MonitorSample[] = [];
  const off = monitor.onSample((sample) => {
    samples.push(sample);
    engine.report({ type: 'deploy', runId, event: { type: 'monitorSample', sample } });
  });
  const probes = config.probes.map((p) => p.name).join(', ');
  engine.report({ type: 'deploy', runId, event: { type: 'operationStarted', operation: 'monitor', message: `watching ${probes} every ${formatLimit(config.intervalMs)} for ${formatLimit(config.windowMs)}` } });
  const forget = await engine.dataDir().then((dir) => recordBareMonitor(dir, runId), () => async () => undefined);
  try {
    const { state } = await (await deployContext(engine)).store.read();
    const result = await monitor.watch(opts.signal, { ...(state.live !== undefined ? { live: state.live } : {}), ...(state.previous !== undefined ? { previous: state.previous } : {}) });
    const outcome: MonitorNowOutcome = result.tripped
      ? { result: 'alert', message: `alert: ${result.message}`, monitor: result, samples }
      : result.inconclusive === true ? { result: 'inconclusive', message: `inconclusive: ${result.message}`, monitor: result, samples }
        : { result: result.cancelled ? 'cancelled' : 'ok', message: result.message, monitor: result, samples };
    engine.report({ type: 'deploy', runId, event: { type: 'operationEnded', operation: 'monitor', result: outcome.result, message: outcome.message } });
    return outcome;
  } finally {
    off();
    await forget();
  }
}
