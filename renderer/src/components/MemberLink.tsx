import { useTranslation } from 'react-i18next';
import { useScreenLinks } from './screen-link';

/** From a request to the member who made it: their orders, subscriptions and tags on the member page. */
export function MemberLink({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const links = useScreenLinks();
  if (!links) return null;
  return (
    <button type="button" className="member-link" data-member-id={memberId} onClick={() => links.openMember(memberId)}>
      {t('clerk.memberLink')}
    </button>
  );
}
