import { z } from 'zod';
import { ApiError } from '../errors';
import { handler } from '../registry';

export const syncHandlers = {
  'sync.status': handler(z.object({}), ({ sync }) => sync.status()),
  'sync.now': handler(z.object({}), async ({ sync }) => {
    try {
      return await sync.now();
    } catch (error) {
      throw new ApiError('unavailable', `Sync failed: ${(error as Error).message}`);
    }
  }),
};
