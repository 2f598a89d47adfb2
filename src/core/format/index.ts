/** The formatters every part shares: durations, ages, limits, timers, short shas, timestamps, printable text, text for notifications and the editor's widgets. Imports nothing. */
export { formatDuration, formatElapsed, formatLimit } from './duration';
export { shortSha, shortId, SHORT_SHA_LENGTH } from './sha';
export { isoTime } from './isoTime';
export { localTime } from './localTime';
export { ago } from './ago';
export { hasUnprintable, printable, printableSubject, type PrintableOptions } from './printable';
export { notificationText } from './notificationText';
export { escapeIcons, pickText, treeText, withoutIcons } from './uiText';
export { shellQuote, shellWord } from './shellWord';
export { sentences } from './sentences';
export { distinctFolderName, type NamedFolder } from './folderNames';
export { counted } from './counted';
