import { z } from 'zod';
import { listTags } from '../../db/queries/tags';
import { handler } from '../registry';

export const tagHandlers = {
  'tags.list': handler(z.object({}), ({ db }) => listTags(db)),
};
