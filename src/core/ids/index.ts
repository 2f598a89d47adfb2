/** Identifiers every part shares: random ones (run ids, lock tokens: crypto-strength, without loading node:crypto) and a string's FNV-1a. Imports nothing. */
export { fnv1a } from './fnv1a';
export { isRandomUuid, randomUuid, randomSource } from './randomUuid';
