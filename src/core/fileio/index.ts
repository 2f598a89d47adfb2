/** File calls that are fs.promises' in the editor and synchronous in the CLI (fileIo.ts says why). Imports nothing of core. */
export { fileIo, keptAttributes, makeDirectories, replaceFileSync, syncFileIo, temporaryFor, useSyncFileIo, type OpenFile, type ReplaceOptions } from './fileIo';
export { readRegularSync as readRegularFileSync } from './openFile';
export { kindOf, NO_LINK_READ, NOT_REGULAR, notRegularFile } from './regularFile';
export { foreignOwner, foreignOwnerHint, permissionProblem } from './foreignOwner';
