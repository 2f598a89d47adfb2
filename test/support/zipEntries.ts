import * as fs from 'fs';
import * as zlib from 'zlib';

/**
 * The files of a zip (a .vsix) by name, read from its central directory: stored or deflated
 * entries, no zip64 (a .vsix is far below 4 GB). Enough to check what a package really holds.
 */
export interface ZipEntry { readonly data: Buffer; /** Bytes it takes in the zip (compressed). */ readonly stored: number }

export function zipEntries(file: string): Map<string, ZipEntry> {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) { throw new Error(`${file} is not a zip: no end of central directory`); }
  const count = zip.readUInt16LE(end + 10);
  const entries = new Map<string, ZipEntry>();
  for (let at = zip.readUInt32LE(end + 16), i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    entries.set(name, { data: method === 0 ? raw : zlib.inflateRawSync(raw), stored: size });
    at += 46 + skip;
  }
  return entries;
}
