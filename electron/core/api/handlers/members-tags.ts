import { v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import { enqueueOperation } from '../../sync/outbox';
import { ApiError } from '../errors';
import { handler, type HandlerContext } from '../registry';

const tagArgs = z.object({
  memberId: z.number().int().positive(),
  tagId: z.number().int().positive(),
  /** Who set or removed the tag by hand; the member's tag history shows it. */
  staff: z.string().trim().min(1).max(100).optional(),
});

export interface MemberTagChange {
  memberId: number;
  tagId: number;
  /** The operation the cloud will apply; the replica shows the change once it is pulled back. */
  opId: string;
}

function enqueueTagChange(
  ctx: HandlerContext,
  kind: 'memberTag.add' | 'memberTag.remove',
  { memberId, tagId, staff }: z.output<typeof tagArgs>,
): MemberTagChange {
  const opId = ctx.db.transaction(() => {
    if (!ctx.db.prepare('SELECT 1 FROM members WHERE id = ?').get(memberId)) {
      throw new ApiError('not_found', `Member ${memberId} does not exist.`);
    }
    if (!ctx.db.prepare('SELECT 1 FROM tags WHERE id = ?').get(tagId)) {
      throw new ApiError('not_found', `Tag ${tagId} does not exist.`);
    }
    return enqueueOperation(ctx.db, { kind, payload: { memberId, tagId, source: 'manual', sourceDetail: staff ?? null }, opId: uuidv4() });
  })();
  ctx.events.emit('members.changed', { ids: [memberId] });
  return { memberId, tagId, opId };
}

/** Staff tag a member by hand; the change reaches the cloud through the outbox, marked manual. */
export const memberTagHandlers = {
  'members.addTag': handler(tagArgs, (ctx, args) => enqueueTagChange(ctx, 'memberTag.add', args)),
  'members.removeTag': handler(tagArgs, (ctx, args) => enqueueTagChange(ctx, 'memberTag.remove', args)),
};
