export { computeAvailability } from './compute-availability';
export { AvailabilityInputError } from './errors';
export { firstEndingAfter, intersectIntervals, isCovered, mergeIntervals, overlapsAny, subtractIntervals } from './intervals';
export { ZoneClock, parseInstant } from './local-time';
export { MAX_RANGE_DAYS } from './prepare-request';
export {
  compareRoundRobin,
  countRoundRobinLoad,
  pickRoundRobinStaff,
  rankStaffByRoundRobin,
  type RoundRobinEntry,
  type RoundRobinOptions,
} from './round-robin';
export { buildWorkingWindows, type WorkingWindow } from './working-hours';
export type * from './types';
