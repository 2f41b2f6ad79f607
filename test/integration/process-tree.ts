import { readdirSync, readFileSync } from 'node:fs';

/**
 * Linux's view of running processes, for tests that check what a browser was started with.
 * /proc/<pid>/environ is the environment a process was started with, which is what a child
 * inherited from its parent.
 */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function processes(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      const stat = read(`/proc/${name}/stat`);
      const cmdline = read(`/proc/${name}/cmdline`);
      if (stat === null || cmdline === null) return [];
      // The command name in parentheses may hold spaces and parentheses; the fields after the last ')' do not.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return [{ pid: Number(name), ppid, cmdline: cmdline.replaceAll('\0', ' ') }];
    });
}

/** Every process whose chain of parents leads to `root`. */
export function descendantsOf(root: number): ProcessInfo[] {
  const all = processes();
  const parentOf = new Map(all.map((p) => [p.pid, p.ppid]));
  const leadsToRoot = (pid: number): boolean => {
    for (let at = parentOf.get(pid); at !== undefined && at > 0; at = parentOf.get(at)) if (at === root) return true;
    return false;
  };
  return all.filter((p) => leadsToRoot(p.pid));
}

/** The Chromium processes (browser, zygotes, renderers, utilities) started under `root`. */
export function chromiumUnder(root: number): ProcessInfo[] {
  return descendantsOf(root).filter((p) => /chrom/i.test(p.cmdline));
}

/** A process's starting environment as name → value; null once it has exited. */
export function environOf(pid: number): Map<string, string> | null {
  const text = read(`/proc/${pid}/environ`);
  if (text === null) return null;
  return new Map(
    text
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as [string, string]),
  );
}
