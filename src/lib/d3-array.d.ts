// Types for the parts of d3-array 3 (which ships none; @types/d3-array is not a dependency) that the engine and the
// sensitivity page's components use.
declare module "d3-array" {
  export interface Bin<T> extends Array<T> {
    x0: number | undefined;
    x1: number | undefined;
  }
  export interface BinGenerator<T> {
    (data: ArrayLike<T>): Array<Bin<T>>;
    domain(domain: [number, number]): BinGenerator<T>;
    thresholds(count: number): BinGenerator<T>;
  }
  export function bin<T = number>(): BinGenerator<T>;
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
