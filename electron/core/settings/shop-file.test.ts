import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/fixtures/tmp';
import { readShopConfig } from '../config';
import { editShopFile, shopFilePath } from './shop-file';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('tanto-shop-file-');
});
afterEach(() => tmp.remove());

const fileJson = () => JSON.parse(readFileSync(shopFilePath(tmp.dir), 'utf8')) as unknown;

describe('tanto.json as the setup screens write it', () => {
  it('is made on the first save, and read back by the shells as the same shop', () => {
    const shop = editShopFile(tmp.dir, { cloudUrl: 'https://cloud.example.jp' });
    expect(shop.cloud?.baseUrl).toBe('https://cloud.example.jp');
    expect(fileJson()).toEqual({ cloud: { baseUrl: 'https://cloud.example.jp' } });
    expect(readShopConfig(tmp.dir)).toEqual({ cloud: { baseUrl: 'https://cloud.example.jp' } });
  });

  it('keeps every field it does not edit, those of a newer version among them', () => {
    const before = {
      cloud: { baseUrl: 'https://old.example.jp', region: 'tokyo' },
      line: { baseUrl: 'https://api.line.me' },
      sync: { intervalSeconds: 45 },
      robot: { siteCallsPerSecond: 2, autoStart: true, concurrency: 3 },
      futureField: { kept: [1, 2] },
    };
    writeFileSync(shopFilePath(tmp.dir), JSON.stringify(before));
    editShopFile(tmp.dir, { cloudUrl: 'https://new.example.jp', browserPath: 'C:\\Browsers\\chrome.exe' });
    expect(fileJson()).toEqual({
      ...before,
      cloud: { baseUrl: 'https://new.example.jp', region: 'tokyo' },
      robot: { siteCallsPerSecond: 2, autoStart: true, concurrency: 3, browserPath: 'C:\\Browsers\\chrome.exe' },
    });
  });

  it('drops a field set back to its default, and the robot section with it when nothing is left', () => {
    writeFileSync(shopFilePath(tmp.dir), JSON.stringify({ cloud: { baseUrl: 'https://cloud.example.jp' }, robot: { concurrency: 4, browserPath: '/opt/chrome' } }));
    editShopFile(tmp.dir, { robotConcurrency: null });
    expect(fileJson()).toEqual({ cloud: { baseUrl: 'https://cloud.example.jp' }, robot: { browserPath: '/opt/chrome' } });
    editShopFile(tmp.dir, { browserPath: '' });
    expect(fileJson()).toEqual({ cloud: { baseUrl: 'https://cloud.example.jp' } });
  });

  it('saves a workstation setting before the cloud is known, and the shells still read the file', () => {
    editShopFile(tmp.dir, { robotConcurrency: 1 });
    expect(readShopConfig(tmp.dir)).toEqual({ robot: { concurrency: 1 } });
  });

  it('refuses an edit that would leave a file the shells could not read, and leaves the old file as it was', () => {
    const before = JSON.stringify({ cloud: { baseUrl: 'https://cloud.example.jp' } });
    writeFileSync(shopFilePath(tmp.dir), before);
    expect(() => editShopFile(tmp.dir, { robotConcurrency: 40 })).toThrow(/not a valid shop configuration/);
    expect(readFileSync(shopFilePath(tmp.dir), 'utf8')).toBe(before);
  });

  it('says which file is damaged rather than overwrite what an operator wrote by hand', () => {
    writeFileSync(shopFilePath(tmp.dir), '{ "cloud": ');
    expect(() => editShopFile(tmp.dir, { cloudUrl: 'https://cloud.example.jp' })).toThrow(/tanto\.json is not valid JSON/);
    expect(readFileSync(shopFilePath(tmp.dir), 'utf8')).toBe('{ "cloud": ');
  });

  it('is replaced whole: no temporary file is left beside it, and only its owner may read it', () => {
    for (let i = 0; i < 5; i += 1) editShopFile(tmp.dir, { robotConcurrency: 1 + i });
    expect(readdirSync(tmp.dir)).toEqual(['tanto.json']);
    if (process.platform !== 'win32') expect(statSync(path.join(tmp.dir, 'tanto.json')).mode & 0o077).toBe(0);
  });
});
