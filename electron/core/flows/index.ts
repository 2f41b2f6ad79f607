import type { AnyFlow } from '../robot/flow';
import { createCrosssellFlow } from './crosssell/flow';

/** The flows the product's robot runs, one per kind of LOC request. */
export function productFlows(): AnyFlow[] {
  return [createCrosssellFlow()];
}
