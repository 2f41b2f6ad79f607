import { z } from 'zod';
import { readWorkstationName, saveWorkstationName, WORKSTATION_NAME_MAX } from '../../instance/workstation-name';
import { handler } from '../registry';

export const workstationHandlers = {
  'workstation.get': handler(z.object({}), ({ db }) => readWorkstationName(db)),
  'workstation.setName': handler(z.object({ name: z.string().max(WORKSTATION_NAME_MAX) }), ({ db }, { name }) => saveWorkstationName(db, name)),
};
