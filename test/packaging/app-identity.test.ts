import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuilderConfig } from '../../scripts/packaging/builder-config';
import { APP_USER_MODEL_ID } from '../../electron/main/app-identity';

describe('the app identity Windows notifications need', () => {
  it("is the appId electron-builder gives the installer's shortcut", () => {
    const config = readBuilderConfig(path.resolve(import.meta.dirname, '../..'));
    expect(config.appId).toBe(APP_USER_MODEL_ID);
  });
});
