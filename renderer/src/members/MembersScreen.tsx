import { useState } from 'react';
import { MemberPage } from './MemberPage';
import { MemberSearch } from './MemberSearch';
import { useLinkedMember } from './member-link';
import { useMemberRefresh } from './use-member-refresh';
import './members.css';

/** Member search and, for the chosen member (or the one a link opened), their page beside it. */
export function MembersScreen() {
  const [memberId, setMemberId] = useState<number | null>(null);
  useMemberRefresh();
  useLinkedMember(setMemberId);
  return (
    <div className={memberId === null ? 'members-screen' : 'members-screen with-page'}>
      <MemberSearch selectedId={memberId} onOpen={setMemberId} />
      {memberId !== null && <MemberPage key={memberId} id={memberId} onClose={() => setMemberId(null)} />}
    </div>
  );
}
