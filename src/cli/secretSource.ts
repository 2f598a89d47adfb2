/** The CLI's secrets: `GEARSHIFT_SECRET_<NAME>` from its own environment, never argv or a file. */
import { envSecretSource, isSecretEnvName, MaskRules, maskDeep, type SecretSource } from '../core/secrets';
import type { CliIo } from './io';

/** A value too short to be masked is not used (the run then stops as for a secret not set); stderr says why, once. */
export function cliSecretSource(io: CliIo): SecretSource {
  return envSecretSource(io.env, (variable, why) => io.stderr.write(`gearshift: ${variable} is not used: ${why}\n`));
}

/**
 * Every GEARSHIFT_SECRET_* value and token masked, from the start: text printed before any run resolved its
 * secrets (a commit's subject in `watch`, the deploy confirmation's commits and branch).
 */
export function envSecretMask(env: NodeJS.ProcessEnv): <T>(value: T) => T {
  const values = Object.entries(env).filter(([k, v]) => isSecretEnvName(k) && v).map(([, v]) => v as string);
  const rules = new MaskRules(values);
  return (value) => maskDeep(value, rules);
}
