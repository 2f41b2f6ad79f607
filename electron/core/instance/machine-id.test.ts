import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { machineId, parseMachineGuid } from './machine-id';

describe("the computer's id", () => {
  it("reads Windows' MachineGuid from reg query's answer", () => {
    const output = '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\r\n    MachineGuid    REG_SZ    6f0e5c1a-93b2-4c8e-a1d4-2b7f9e0c3d51\r\n\r\n';
    expect(parseMachineGuid(output)).toBe('6f0e5c1a-93b2-4c8e-a1d4-2b7f9e0c3d51');
    expect(parseMachineGuid('ERROR: The system was unable to find the specified registry key or value.')).toBeNull();
  });

  it.runIf(process.platform === 'linux' && existsSync('/etc/machine-id'))("is systemd's machine id on Linux", () => {
    expect(machineId('linux')).toBe(readFileSync('/etc/machine-id', 'utf8').trim());
  });

  it('falls back to the host name where the platform has none', () => {
    expect(machineId('aix')).toBe(`host:${os.hostname()}`);
  });
});
