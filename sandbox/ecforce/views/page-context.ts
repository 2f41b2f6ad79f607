import type { Account } from '../model';
import type { Flash } from '../sessions';
import type { Skin } from '../skins';

/** What every admin page needs besides its own data. */
export interface PageContext {
  skin: Skin;
  csrfToken: string;
  account: Account | null;
  flash: Flash[];
  now: Date;
}

export interface PageFrame {
  title: string;
  /** The page's heading; the variant shows the same words in another element. */
  heading: string;
  breadcrumb: string[];
  bodyClass: string;
}
