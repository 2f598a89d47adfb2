/** The fields of /proc/PID/stat the process scans use (proc(5)). */
import { readProcFile } from './procRead';

export interface ProcStat {
  /** Field 3: R, S, D, … Z (zombie), X (dead). */
  state: string;
  /** Field 5. */
  pgrp: number;
  /** Field 9: the kernel's PF_* flags. */
  flags: number;
  /** Field 22, clock ticks since boot: with the pid, names one process (pids are reused). */
  startTime: string;
  /** Field 27: 0 until the kernel has finished loading a new program (then its end of code). */
  endCode: string;
  /** Fields 50 and 51: where the environment lies in the process's memory. */
  envStart: string;
  envEnd: string;
}

/** Field 9's flag the kernel sets on its own threads; no process can set it on itself. */
export const PF_KTHREAD = 0x00200000;

/**
 * The fields of a stat line. The command name (field 2) is in parentheses and may itself contain
 * spaces or parentheses: so split after the last ')'. Fields this kernel lacks (50–51 came in
 * Linux 3.5) or hides (another user's addresses read 0) come back as '0'.
 */
export function parseStat(text: string): ProcStat {
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3: field N is rest[N - 3].
  const field = (n: number): string => rest[n - 3] ?? '0';
  return {
    state: rest[0] ?? '', pgrp: Number(field(5)), flags: Number(field(9)), startTime: rest[19] ?? '',
    endCode: field(27), envStart: field(50), envEnd: field(51).trimEnd(),
  };
}

/** The stat of a live process, or undefined if it is gone or a zombie (dead already). */
export function readStat(pid: number): ProcStat | undefined {
  const text = readProcFile(`/proc/${pid}/stat`)?.toString('latin1');
  if (text === undefined) { return undefined; }
  const stat = parseStat(text);
  return stat.state === 'Z' || stat.state === 'X' ? undefined : stat;
}
