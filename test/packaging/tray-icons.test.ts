import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuilderConfig } from '../../scripts/packaging/builder-config';
import { ico, TRAY_ICO_SIZES, TRAY_VARIANTS } from '../../scripts/make-icon';
import { TRAY_ICONS } from '../../electron/main/tray-model';

const root = path.resolve(import.meta.dirname, '../..');

describe("the tray's icons", () => {
  it('are drawn for every state the tray shows, and the committed files are what the script draws', () => {
    expect([...TRAY_VARIANTS].sort()).toEqual([...TRAY_ICONS].sort());
    for (const icon of TRAY_ICONS) {
      const file = readFileSync(path.join(root, 'resources', 'tray', `tray-${icon}.ico`));
      expect(file.equals(ico(TRAY_ICO_SIZES, icon))).toBe(true);
      // An icon directory of PNG images, one per size Windows asks for.
      expect(file.readUInt16LE(2)).toBe(1);
      expect(file.readUInt16LE(4)).toBe(TRAY_ICO_SIZES.length);
      const png = readFileSync(path.join(root, 'resources', 'tray', `tray-${icon}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    }
  });

  it('ship beside the app, where the main process looks for them', () => {
    const extra = readBuilderConfig(root).extraResources as Array<{ from: string; to: string }>;
    expect(extra).toContainEqual({ from: 'resources/tray', to: 'tray' });
  });
});
