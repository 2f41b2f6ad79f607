import type { Migration } from '../migrate';
import { initialSchema } from './0001-initial-schema';
import { memberSearchIndex } from './0002-member-search-index';
import { robotWork } from './0003-robot-work';
import { tagRules } from './0004-tag-rules';
import { orderItemsProduct } from './0005-order-items-product';
import { tagRulePending } from './0006-tag-rule-pending';
import { tagHistoryDays } from './0007-tag-history-days';
import { robotAttempts } from './0008-robot-attempts';
import { locFinisher } from './0009-loc-finisher';
import { reasonsAsData } from './0011-reasons-as-data';
import { billingPlan } from './0014-billing-plan';
import { staffList } from './0015-staff-list';
import { crosssellCompletionStatus } from './0016-crosssell-completion-status';
import { searchFolding } from './0017-search-folding';
import { refusalCauses } from './0018-refusal-causes';
import { tagHistoryHours } from './0019-tag-history-hours';
import { phoneFolding } from './0020-phone-folding';
import { morningReports } from './0023-morning-reports';
import { workFollowsCloud } from './0024-work-follows-cloud';
import { outboxIndexes } from './0025-outbox-indexes';

/** Every migration in order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [
  initialSchema, memberSearchIndex, robotWork, tagRules, orderItemsProduct, tagRulePending, tagHistoryDays, robotAttempts, locFinisher,
  reasonsAsData, billingPlan, staffList, crosssellCompletionStatus, searchFolding,
  refusalCauses,
  tagHistoryHours,
  phoneFolding,
  morningReports,
  workFollowsCloud,
  outboxIndexes,
];
