import type {DurationUnit} from "../inputs/types.js";

/** Hours in one day. */
export const HOURS_PER_DAY = 24;

/**
 * Training time in hours from a duration as the sources give it: hours, days, or a number of steps
 * scaled from a reference run (`refSteps` steps in `refHours` hours), as Strubell et al. 2019 §2.1 does for NAS.
 */
export function hoursFromDuration(
  duration: number,
  unit: DurationUnit,
  refSteps: number | null = null,
  refHours: number | null = null
): number {
  if (unit === "h") return duration;
  if (unit === "d") return duration * HOURS_PER_DAY;
  if (refSteps == null || refHours == null || refSteps <= 0) {
    throw new Error("a duration in steps needs a reference run: refSteps > 0 and refHours");
  }
  return (duration / refSteps) * refHours;
}
