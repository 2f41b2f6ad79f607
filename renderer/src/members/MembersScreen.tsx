import { MemberSearch } from './MemberSearch';

/** Member search and, for the chosen member, their page. */
export function MembersScreen() {
  return <MemberSearch />;
}
