/**
 * Counting a test's processes by a unique marker in their command line, read from /proc, so
 * a test sees exactly its own orphans and nobody else's (other tests run on this machine too).
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';

export function newMarker(): string {
  return `gsmark${randomUUID().replace(/-/g, '')}`;
}

/** Live, non-zombie pids whose command line contains `marker`. */
export function markedProcesses(marker: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) { continue; }
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1');
      if (!cmdline.includes(marker)) { continue; }
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z') { found.push(Number(entry)); }
    } catch {
      // gone while we looked
    }
  }
  return found;
}

/** Waits (bounded) until `count(marker)` reaches `n`; returns the last list seen. */
export async function waitForMarked(marker: string, n: (count: number) => boolean, ms = 5000): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const pids = markedProcesses(marker);
    if (n(pids.length) || Date.now() > deadline) { return pids; }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Test cleanup: whatever still carries the marker is killed, with its descendants (the sleeps). */
export function killMarked(marker: string): void {
  const tree = new Set(markedProcesses(marker));
  const parents = parentMap();
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (tree.has(ppid) && !tree.has(pid)) { tree.add(pid); grew = true; }
    }
  }
  for (const pid of tree) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
}

function parentMap(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) { continue; }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
      map.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  return map;
}

/**
 * A shell snippet whose process carries `marker` in its command line and runs ~forever; with
 * `ready`, it first creates that file, so the stage can wait for it to be up (no race with the
 * stage's own end).
 */
export function marked(marker: string, ready?: string): string {
  return `sh -c '${ready ? `touch ${ready}; ` : ''}sleep 1000; : ${marker}'`;
}

/** Shell: wait (bounded, ~5 s) until `file` exists. */
export function awaitFile(file: string): string {
  return `i=0; while [ ! -e ${file} ] && [ $i -lt 250 ]; do i=$((i+1)); sleep 0.02; done`;
}
