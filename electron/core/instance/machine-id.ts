import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * An id of the computer, stable across reboots and renames, so an identity can tell that its
 * data folder was carried to another machine: systemd's machine id on Linux, the MachineGuid
 * Windows writes at install, the platform UUID on macOS, and the host name where none is found.
 */
export function machineId(platform: NodeJS.Platform = process.platform): string {
  const found = platform === 'linux' ? linuxMachineId() : platform === 'win32' ? windowsMachineGuid() : platform === 'darwin' ? macPlatformUuid() : null;
  return found ?? `host:${os.hostname()}`;
}

function linuxMachineId(): string | null {
  for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      const id = readFileSync(file, 'utf8').trim();
      if (id) return id;
    } catch {
      // Not every distribution has both files.
    }
  }
  return null;
}

function windowsMachineGuid(): string | null {
  const systemRoot = process.env.SystemRoot ?? 'C:\\Windows';
  // /reg:64 reads the 64-bit view, where the value lives, even from a 32-bit Node.
  const output = run(path.win32.join(systemRoot, 'System32', 'reg.exe'), ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid', '/reg:64'], { SystemRoot: systemRoot });
  return output === null ? null : parseMachineGuid(output);
}

function macPlatformUuid(): string | null {
  const output = run('/usr/sbin/ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice'], {});
  return output === null ? null : (/"IOPlatformUUID"\s*=\s*"([^"]+)"/.exec(output)?.[1] ?? null);
}

/** The value from `reg query ... /v MachineGuid`: a line `MachineGuid    REG_SZ    <guid>`. */
export function parseMachineGuid(output: string): string | null {
  return /^\s*MachineGuid\s+REG_SZ\s+(\S+)\s*$/im.exec(output)?.[1] ?? null;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): string | null {
  try {
    return execFileSync(file, args, { encoding: 'utf8', env, windowsHide: true, timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}
