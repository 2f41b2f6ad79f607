import { z } from 'zod';

/** Shared paging arguments: pages count from 1; a page holds at most 500 rows. */
export const paging = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
};
