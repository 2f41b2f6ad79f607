import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open';

/** The data folder's subfolder where failed flows leave their screenshot and trace. */
export const ROBOT_ARTIFACTS_DIR = 'robot-artifacts';

export type ArtifactKind = 'screenshot' | 'trace';

export interface ArtifactFile {
  fileName: string;
  mime: string;
  base64: string;
}

/** Traces of long flows reach tens of megabytes; past this the file is opened from the folder instead. */
export const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

export class ArtifactUnavailable extends Error {
  override readonly name = 'ArtifactUnavailable';
  constructor(
    readonly reason: 'no_step' | 'none' | 'gone' | 'outside' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

const mimeOf = (file: string) => (file.endsWith('.png') ? 'image/png' : file.endsWith('.zip') ? 'application/zip' : 'application/octet-stream');

/**
 * A run step's screenshot or trace, read by the step's id rather than by a path from the caller,
 * and only from inside the artifacts folder: the path in run_steps is the robot's, but the file
 * system is not the renderer's to browse.
 */
export function readStepArtifact(db: Db, artifactsRoot: string, stepId: number, kind: ArtifactKind): ArtifactFile {
  const row = db.prepare('SELECT screenshot_path AS screenshot, trace_path AS trace FROM run_steps WHERE id = ?').get(stepId) as
    | { screenshot: string | null; trace: string | null }
    | undefined;
  if (!row) throw new ArtifactUnavailable('no_step', `Run step ${stepId} does not exist.`);
  const recorded = row[kind];
  if (!recorded) throw new ArtifactUnavailable('none', `Run step ${stepId} has no ${kind}.`);
  let real: string;
  let root: string;
  try {
    real = realpathSync(recorded);
    root = realpathSync(artifactsRoot);
  } catch {
    throw new ArtifactUnavailable('gone', `The ${kind} of run step ${stepId} has been removed (failure records are kept 30 days).`);
  }
  const relative = path.relative(root, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ArtifactUnavailable('outside', `The ${kind} of run step ${stepId} is outside the robot's artifacts folder.`);
  }
  if (statSync(real).size > MAX_ARTIFACT_BYTES) {
    throw new ArtifactUnavailable('too_large', `The ${kind} of run step ${stepId} is too large to send; open it from ${path.dirname(real)}.`);
  }
  return { fileName: path.basename(real), mime: mimeOf(real), base64: readFileSync(real).toString('base64') };
}
