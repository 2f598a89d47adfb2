/**
 * Sentences made by different parts, joined into one paragraph: each ends with a full stop (unless
 * it ends with its own), the next starts with a capital, empty ones are left out. Without this a
 * reason that ends bare ran into the next one ("…(≤ 3 days) Git is not read…", walk30 L10).
 */
export function sentences(...parts: readonly string[]): string {
  return parts.map((p) => p.trim()).filter((p) => p !== '').map((p) => capitalise(endWithStop(p))).join(' ');
}

function endWithStop(s: string): string {
  return /[.!?…]$/u.test(s) ? s : `${s}.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
