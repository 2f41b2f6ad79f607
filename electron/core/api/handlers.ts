import type { HandlersOf } from './registry';
import { artifactHandlers } from './handlers/artifacts';
import { crosssellHandlers } from './handlers/crosssell';
import { locHandlers } from './handlers/loc';
import { locStaffHandlers } from './handlers/loc-staff';
import { memberHandlers } from './handlers/members';
import { memberCsvHandlers } from './handlers/members-csv';
import { memberTagHandlers } from './handlers/members-tags';
import { robotHandlers } from './handlers/robot';
import { shopHandlers } from './handlers/shop';
import { staffHandlers } from './handlers/staff';
import { syncHandlers } from './handlers/sync';
import { tagHandlers } from './handlers/tags';
import { tagRuleHandlers } from './handlers/tag-rules';
import { workstationHandlers } from './handlers/workstation';
import { usageHandlers } from './handlers/usage';
import { appHandlers } from './handlers/app';
import { secretHandlers } from './handlers/secrets';
import { nightHandlers } from './handlers/night';
import { replicaHandlers } from './handlers/replica';
import { updateHoldHandlers } from './handlers/update-hold';
import { settingsHandlers } from './handlers/settings';

/** Every API method, by name. Each domain contributes its own table. */
export const handlers = {
  ...memberHandlers,
  ...memberCsvHandlers,
  ...memberTagHandlers,
  ...tagHandlers,
  ...tagRuleHandlers,
  ...locHandlers,
  ...locStaffHandlers,
  ...crosssellHandlers,
  ...syncHandlers,
  ...robotHandlers,
  ...artifactHandlers,
  ...shopHandlers,
  ...workstationHandlers,
  ...usageHandlers,
  ...staffHandlers,
  ...appHandlers,
  ...secretHandlers,
  ...nightHandlers,
  ...replicaHandlers,
  ...updateHoldHandlers,
  ...settingsHandlers,
};

export type Handlers = HandlersOf<typeof handlers>;
