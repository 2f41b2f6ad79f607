import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The shop this workstation serves: `tanto.json` in the data folder. Tokens are not kept here;
 * they come from the environment or a token file until the secret store holds them. The setup
 * screens write it too (settings/shop-file.ts), so a file may lack the cloud until the first-run
 * flow has reached it; a shell without a cloud address serves that flow.
 */
const configSchema = z.object({
  cloud: z.object({ baseUrl: z.url() }).optional(),
  line: z.object({ baseUrl: z.url() }).optional(),
  sync: z.object({ intervalSeconds: z.number().int().min(5).max(3600) }).optional(),
  robot: z
    .object({
      /** Browser contexts worked in parallel. */
      concurrency: z.number().int().min(1).max(8).optional(),
      /** Cart operations per second per site, over all contexts. */
      siteCallsPerSecond: z.number().min(0.1).max(50).optional(),
      /** A Chromium-family browser to drive instead of the one found on the PC. */
      browserPath: z.string().min(1).optional(),
      /** Start working requests as soon as the service starts (unattended PCs). */
      autoStart: z.boolean().optional(),
    })
    .optional(),
});

export type ShopConfig = z.output<typeof configSchema>;

export const CONFIG_FILE = 'tanto.json';

export function readShopConfig(dataDir: string): ShopConfig | undefined {
  const file = path.join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseShopConfig(raw, file);
}

/** Checks a shop configuration as tanto.json must hold it; `file` names it in the error. */
export function parseShopConfig(raw: unknown, file: string): ShopConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} is not a valid shop configuration:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TANTO_DATA_DIR ?? '.data');
}
