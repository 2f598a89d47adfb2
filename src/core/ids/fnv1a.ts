/** 32-bit FNV-1a over UTF-16 code units: a short, fast, stable name or checksum for a string (not a defence: no secret goes in). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h = Math.imul(h ^ s.charCodeAt(i), 0x01000193); }
  return h >>> 0;
}
