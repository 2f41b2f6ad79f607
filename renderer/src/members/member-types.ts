import type { ResultOf } from '../api/client';

export type Member = ResultOf<'members.get'>;
export type MemberOrder = Member['orders'][number];
