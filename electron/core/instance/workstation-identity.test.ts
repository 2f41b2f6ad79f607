import { cpSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/fixtures/tmp';
import { IDENTITY_FILE, workstationHolder } from './workstation-identity';

const folders: Array<{ remove(): void }> = [];
const folder = () => {
  const made = tempDir('tanto-identity-');
  folders.push(made);
  return made.dir;
};
afterEach(() => {
  for (const made of folders.splice(0)) made.remove();
});

const machineId = '3d1219c7c4c5404aaa1f6d2a48adfda4';

describe('the workstation identity', () => {
  it('is the host name and 8 hex characters, kept across reopening the same folder', () => {
    const dataDir = folder();
    const logs: string[] = [];
    const first = workstationHolder(dataDir, { machineId, log: (line) => logs.push(line) });
    expect(first).toMatch(new RegExp(`^${os.hostname()}#[0-9a-f]{8}$`));
    expect(workstationHolder(dataDir, { machineId })).toBe(first);
    expect(logs).toHaveLength(1);
  });

  it('records the machine it was made on (hashed) and the resolved folder, not the raw machine id', () => {
    const dataDir = folder();
    workstationHolder(dataDir, { machineId });
    const text = readFileSync(path.join(dataDir, IDENTITY_FILE), 'utf8');
    expect(text).not.toContain(machineId);
    expect(JSON.parse(text)).toMatchObject({ dataDir: realpathSync(dataDir), machine: expect.stringMatching(/^[0-9a-f]{64}$/), host: os.hostname() });
  });

  it('is new in a copy of the folder at another path, and the original keeps its own', () => {
    const original = folder();
    const holder = workstationHolder(original, { machineId });
    const copy = path.join(folder(), 'copied-data');
    cpSync(original, copy, { recursive: true });
    const logs: string[] = [];
    const copied = workstationHolder(copy, { machineId, log: (line) => logs.push(line) });
    expect(copied).not.toBe(holder);
    expect(logs.join('\n')).toContain(`the data folder ${realpathSync(original)}`);
    expect(workstationHolder(copy, { machineId })).toBe(copied);
    expect(workstationHolder(original, { machineId })).toBe(holder);
  });

  it('is new when the folder is restored on another computer at the same path', () => {
    const dataDir = folder();
    const holder = workstationHolder(dataDir, { machineId });
    const logs: string[] = [];
    const elsewhere = workstationHolder(dataDir, { machineId: 'f'.repeat(32), log: (line) => logs.push(line) });
    expect(elsewhere).not.toBe(holder);
    expect(logs.join('\n')).toMatch(/新しい端末 ID.*another computer/);
  });

  it('is made again when its file is unreadable', () => {
    const dataDir = folder();
    const holder = workstationHolder(dataDir, { machineId });
    writeFileSync(path.join(dataDir, IDENTITY_FILE), '{"id": "');
    expect(workstationHolder(dataDir, { machineId })).not.toBe(holder);
  });
});
