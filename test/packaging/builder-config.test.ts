import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuseProblems, readBuilderConfig, REQUIRED_FUSES, validateBuilderConfig, type BuilderConfig } from '../../scripts/packaging/builder-config';

const root = path.resolve(import.meta.dirname, '../..');
const config = readBuilderConfig(root);

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    expect(validateBuilderConfig(root, config)).toEqual([]);
  });

  it('is refused by the same check when a key is misspelt or mistyped', () => {
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    expect(validateBuilderConfig(root, misspelt)).toContainEqual({ path: '/electronFuses', message: 'must NOT have additional properties (runAsNod)' });
    const mistyped = { ...config, nsis: { ...(config.nsis as object), perMachine: 'no' } };
    expect(validateBuilderConfig(root, mistyped).map((issue) => issue.path)).toContain('/nsis/perMachine');
  });

  it('sets every fuse the app relies on, each as required', () => {
    const fuses = config.electronFuses ?? {};
    expect(fuses.runAsNode).toBe(false);
    expect(fuses.onlyLoadAppFromAsar).toBe(true);
    expect(fuses.enableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(fuses.grantFileProtocolExtraPrivileges).toBe(false);
    expect(fuses.enableCookieEncryption).toBe(true);
    expect(fuses.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(fuses.enableNodeCliInspectArguments).toBe(false);
    expect(fuseProblems(config)).toEqual([]);
  });

  it('names a fuse turned off or left out', () => {
    const { grantFileProtocolExtraPrivileges: _left, ...rest } = config.electronFuses ?? {};
    const weakened: BuilderConfig = { ...config, electronFuses: { ...rest, runAsNode: true } };
    expect(fuseProblems(weakened)).toEqual([
      'electronFuses.runAsNode must be false (is true)',
      'electronFuses.grantFileProtocolExtraPrivileges must be false (is not set)',
    ]);
    expect(Object.keys(REQUIRED_FUSES)).toHaveLength(7);
  });

  it('builds a per-user NSIS installer whose file name carries the version', () => {
    expect(config.win).toMatchObject({ target: [{ target: 'nsis' }], icon: 'icon.ico' });
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false, differentialPackage: true });
    expect((config.nsis as { artifactName: string }).artifactName).toContain('${version}');
    expect(config.publish).toMatchObject({ provider: 'generic' });
  });

  it('loads better-sqlite3 from the unpacked side of the archive and ships the bundled Chromium folder', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'resources/chromium', to: 'chromium' }));
  });

  it('has its icons in resources/: a 512 px PNG and an .ico holding a 256 px image', () => {
    const dir = path.join(root, String((config.directories as { buildResources: string }).buildResources));
    const png = readFileSync(path.join(dir, 'icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(existsSync(path.join(dir, 'icon.ico'))).toBe(true);
    const ico = readFileSync(path.join(dir, 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
  });
});
