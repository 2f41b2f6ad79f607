import { z } from 'zod';
import { ArtifactUnavailable, readStepArtifact } from '../../robot/artifact-files';
import { ApiError } from '../errors';
import { handler } from '../registry';

export const artifactHandlers = {
  /** A failed step's evidence for the detail pane: the screenshot to show, the trace to download. */
  'robot.artifact': handler(z.object({ stepId: z.number().int().positive(), kind: z.enum(['screenshot', 'trace']) }), (ctx, { stepId, kind }) => {
    if (!ctx.artifactsDir) throw new ApiError('unavailable', 'This core keeps no robot artifacts.');
    try {
      return readStepArtifact(ctx.db, ctx.artifactsDir, stepId, kind);
    } catch (error) {
      if (error instanceof ArtifactUnavailable) {
        throw new ApiError(error.reason === 'outside' || error.reason === 'too_large' ? 'conflict' : 'not_found', error.message);
      }
      throw error;
    }
  }),
};
