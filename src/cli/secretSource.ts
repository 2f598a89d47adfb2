/** The CLI's secrets: `GEARSHIFT_SECRET_<NAME>` from its own environment, never argv or a file. */
import { envSecretSource, type SecretSource } from '../core/secrets';
import type { CliIo } from './io';

/** A value too short to be masked is not used (the run then stops as for a secret not set); stderr says why, once. */
export function cliSecretSource(io: CliIo): SecretSource {
  return envSecretSource(io.env, (variable, why) => io.stderr.write(`gearshift: ${variable} is not used: ${why}\n`));
}
