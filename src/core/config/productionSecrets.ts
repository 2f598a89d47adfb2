/**
 * The secrets a run needs once it reaches production, beyond its stages' own: the switch
 * script's `deploy.env`, and the `http:` probes' URLs and headers (Gearshift fetches those
 * itself). A run that stops before production needs none of them.
 */
import { referencedNames, substitute } from '../secrets';
import type { DeployConfig, MonitorProbe, Pipeline } from './types';

/**
 * Every name the file references anywhere (stages' env, `deploy.env`, probes, `alerts.webhook`),
 * unsorted, may repeat: what masks a record no run wrote, whose fields any of them could reach.
 */
export function pipelineSecretNames(pipeline: Pipeline): string[] {
  const stages = pipeline.stages.flatMap((s) => Object.values(s.env).flatMap(referencedNames));
  return [...stages, ...productionSecretNames(pipeline), ...referencedNames(pipeline.alerts?.webhook ?? '')];
}

/** Names `deploy.env` and the `http:` probes reference (unsorted, may repeat). */
export function productionSecretNames(pipeline: Pipeline): string[] {
  return [...deployEnvSecretNames(pipeline.deploy), ...probeSecretNames(pipeline.monitor?.probes ?? [])];
}

/** Names the switch script's `deploy.env` references (unsorted, may repeat). */
export function deployEnvSecretNames(deploy: DeployConfig | undefined): string[] {
  return Object.values(deploy?.env ?? {}).flatMap(referencedNames);
}

/** Names the `http:` probes' URLs and headers reference. */
export function probeSecretNames(probes: readonly MonitorProbe[]): string[] {
  return probes.flatMap((p) => (p.kind === 'http' ? [p.url, ...Object.values(p.headers ?? {})].flatMap(referencedNames) : []));
}

/**
 * The `http:` probes with their URL and header references filled in, for the monitor that
 * fetches them in-process. The pipeline itself keeps the reference text. Throws on a missing value.
 */
export function probesWithSecrets(probes: readonly MonitorProbe[], values: ReadonlyMap<string, string>): MonitorProbe[] {
  return probes.map((p) => {
    if (p.kind !== 'http') { return p; }
    const headers = p.headers ? Object.fromEntries(Object.entries(p.headers).map(([k, v]) => [k, substitute(v, values)])) : undefined;
    return { ...p, url: substitute(p.url, values), ...(headers ? { headers } : {}) };
  });
}
