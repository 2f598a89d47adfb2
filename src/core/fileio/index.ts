/** File calls that are fs.promises' in the editor and synchronous in the CLI (fileIo.ts says why). Imports nothing of core. */
export { fileIo, keptAttributes, makeDirectories, replaceFileSync, syncFileIo, useSyncFileIo, type OpenFile, type ReplaceOptions } from './fileIo';
