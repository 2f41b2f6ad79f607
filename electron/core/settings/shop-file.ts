import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, parseShopConfig, type ShopConfig } from '../config';
import { errorCode, writeSecretFile } from '../secrets/secret-file';

/**
 * tanto.json as the setup screens edit it: the fields they change are set, every other field
 * (sync, line, robot.siteCallsPerSecond, autoStart, and anything a newer version wrote) is kept
 * exactly, and the file is replaced whole or not at all (a crash never leaves half a shop).
 */
export interface ShopFileEdit {
  cloudUrl?: string;
  /** null removes the field: the default applies. */
  robotConcurrency?: number | null;
  browserPath?: string | null;
}

export function shopFilePath(dataDir: string): string {
  return path.join(dataDir, CONFIG_FILE);
}

/** The file's JSON as it is, or an empty object when there is none; a damaged file throws with its name. */
export function readShopFileRaw(dataDir: string): Record<string, unknown> {
  const file = shopFilePath(dataDir);
  if (!existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${file} is not a valid shop configuration: not an object`);
  return raw as Record<string, unknown>;
}

/** Applies the edit, checks the whole result as tanto.json must be, and writes it; returns the shop as read back. */
export function editShopFile(dataDir: string, edit: ShopFileEdit): ShopConfig {
  const raw = readShopFileRaw(dataDir);
  const next: Record<string, unknown> = { ...raw };
  if (edit.cloudUrl !== undefined) next.cloud = { ...objectAt(raw, 'cloud'), baseUrl: edit.cloudUrl };
  if (edit.robotConcurrency !== undefined || edit.browserPath !== undefined) {
    const robot: Record<string, unknown> = { ...objectAt(raw, 'robot') };
    if (edit.robotConcurrency !== undefined) setOrDrop(robot, 'concurrency', edit.robotConcurrency);
    if (edit.browserPath !== undefined) setOrDrop(robot, 'browserPath', edit.browserPath === '' ? null : edit.browserPath);
    if (Object.keys(robot).length > 0) next.robot = robot;
    else delete next.robot;
  }
  const checked = parseShopConfig(next, shopFilePath(dataDir));
  try {
    writeSecretFile(shopFilePath(dataDir), Buffer.from(`${JSON.stringify(next, null, 2)}\n`, 'utf8'));
  } catch (error) {
    // The writer speaks of secrets files; this one is the shop's settings.
    throw new Error(`ショップの設定 ${shopFilePath(dataDir)} に書き込めません (${errorCode((error as Error).cause ?? error)})`, { cause: error });
  }
  return checked;
}

function objectAt(raw: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = raw[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function setOrDrop(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === null || value === undefined) delete target[key];
  else target[key] = value;
}
