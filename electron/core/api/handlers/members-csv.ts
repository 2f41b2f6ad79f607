import { z } from 'zod';
import { csvEncodings } from '../../loc/loc-csv';
import { shopTimeZone } from '../../shop/time-zone';
import { memberCsvPart } from '../../members/member-csv';
import { handler } from '../registry';
import { memberFilters } from './members';

export interface MemberCsvPartFile {
  filename: string;
  /** This part's bytes; the parts in order are the file. */
  contentBase64: string;
  /** Pass as `afterId` for the next part; null after the last. */
  nextAfterId: number | null;
  rows: number;
  remaining: number;
  /** Members of this part whose text CP932 could not hold. */
  unencodable: number[];
}

/**
 * The member list as CSV, one part per call: the screen asks for the next part until
 * `nextAfterId` is null and joins them, showing how far it is, so a 100,000-member shop never
 * travels as one answer. The file name follows the moment of the call in the shop's time zone, so the screen keeps the first.
 */
export const memberCsvHandlers = {
  'members.exportCsv': handler(
    z.object({ ...memberFilters, encoding: z.enum(csvEncodings).default('utf8-bom'), afterId: z.number().int().nonnegative().nullable().default(null) }),
    ({ db, clock }, { encoding, afterId, ...filters }): MemberCsvPartFile => {
      const part = memberCsvPart(db, filters, encoding, afterId);
      const stamp = clock.now().toLocaleString('sv-SE', { timeZone: shopTimeZone(db) }).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
      return {
        filename: `members-${stamp}${encoding === 'cp932' ? '-sjis' : ''}.csv`,
        contentBase64: part.bytes.toString('base64'),
        nextAfterId: part.nextAfterId,
        rows: part.rows,
        remaining: part.remaining,
        unencodable: part.unencodable,
      };
    },
  ),
};
