/** Random identifiers every part shares (run ids, lock tokens): crypto-strength, without loading node:crypto. Imports nothing. */
export { randomUuid, randomSource } from './randomUuid';
