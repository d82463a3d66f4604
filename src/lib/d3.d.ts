// Types for the parts of d3 7 (which ships none; @types/d3 is not a dependency) that the engine uses.
declare module "d3" {
  export function quickselect<T extends {[i: number]: number; length: number}>(
    array: T,
    k: number,
    left?: number,
    right?: number
  ): T;
  export function quantileSorted(values: ArrayLike<number>, p: number): number | undefined;
  export function bisectRight(values: ArrayLike<number>, x: number): number;
  export function mean(values: Iterable<number>): number | undefined;
  export function variance(values: Iterable<number>): number | undefined;
}
