import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

/**
 * electron-builder.yml as data, and electron-builder's own JSON schema for it
 * (app-builder-lib/scheme.json), so the configuration is checked without running the builder,
 * which would download Electron.
 */
export type BuilderConfig = Record<string, unknown> & { electronFuses?: Record<string, unknown> };

export const BUILDER_CONFIG = 'electron-builder.yml';

export function readBuilderConfig(root: string): BuilderConfig {
  return parse(readFileSync(path.join(root, BUILDER_CONFIG), 'utf8')) as BuilderConfig;
}

/**
 * The fuses the app is packaged with, each as the issue and Electron's checklist want it: no
 * Node mode for the binary, no NODE_OPTIONS or --inspect, the app only from its checked asar,
 * encrypted cookies, and no extra privileges for file://.
 */
export const REQUIRED_FUSES: Readonly<Record<string, boolean>> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

export interface SchemaIssue {
  path: string;
  message: string;
}

/**
 * Validates against scheme.json with Ajv, the validator the schema is written for (draft-07).
 * Not strict: the schema uses keywords of its own generator that Ajv's strict mode refuses.
 */
export function validateBuilderConfig(root: string, config: unknown): SchemaIssue[] {
  const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  if (validate(config)) return [];
  return (validate.errors ?? []).map((error) => ({
    path: error.instancePath || '/',
    message: `${error.message ?? error.keyword}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`,
  }));
}

/** Fuses that are missing or set otherwise than REQUIRED_FUSES says, named with what they should be. */
export function fuseProblems(config: BuilderConfig): string[] {
  const fuses = config.electronFuses ?? {};
  return Object.entries(REQUIRED_FUSES)
    .filter(([name, wanted]) => fuses[name] !== wanted)
    .map(([name, wanted]) => `electronFuses.${name} must be ${String(wanted)} (is ${fuses[name] === undefined ? 'not set' : String(fuses[name])})`);
}
