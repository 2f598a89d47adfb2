import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Throw-away folders filled with given files (no git): `make({ 'a/b.txt': 'x' })` returns a new
 * folder under one temporary root, removed by `cleanup()`.
 */
export class FileTrees {
  private root: string | undefined;

  constructor(private readonly prefix: string) {}

  make(files: Record<string, string>): string {
    this.root ??= fs.mkdtempSync(path.join(os.tmpdir(), this.prefix));
    const dir = fs.mkdtempSync(path.join(this.root, 'repo-'));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  cleanup(): void {
    if (this.root) { fs.rmSync(this.root, { recursive: true, force: true }); }
    this.root = undefined;
  }
}
