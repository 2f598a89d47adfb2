/** Secrets: `${{ secrets.NAME }}` references, where values come from, and masking them in output. */
export {
  MIN_SECRET_LENGTH, SECRET_NAME, mentionsReference, parseReferences, referencedNames, secretNameProblem, secretValueProblem, substitute, withPlaceholders,
  type ParsedValue, type ReferenceProblem, type SecretReference,
} from './syntax';
export { maskForms } from './forms';
export { maskDeep } from './deep';
export { FLUSH_AFTER_MS, LONG_HOLD_MS, MASK, MaskRules, StreamMasker, maskText } from './masker';
export { ResolvedSecrets, SECRET_ENV_PREFIX, TOKEN_ENV_NAMES, envSecretSource, isSecretEnvName, missingSecretsMessage, resolveSecrets, secretEnvVar, tokenEnvValues, withoutSecretVars, type Resolution, type SlotChangeContext, type SecretSource } from './resolve';
