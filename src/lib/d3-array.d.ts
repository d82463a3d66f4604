// Types for the parts of d3-array 3 (which ships none; @types/d3-array is not a dependency) that the engine and the
// sensitivity page's components use. index, group and rollup return d3's InternMap, a Map.
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
  export function extent(values: Iterable<number>): [number, number] | [undefined, undefined];
  export function mean(values: Iterable<number>): number | undefined;
  export function variance(values: Iterable<number>): number | undefined;
  export function index<T, K>(data: Iterable<T>, key: (d: T) => K): Map<K, T>;
  export function index<T, K1, K2>(data: Iterable<T>, key1: (d: T) => K1, key2: (d: T) => K2): Map<K1, Map<K2, T>>;
  export function index<T, K1, K2, K3>(
    data: Iterable<T>,
    key1: (d: T) => K1,
    key2: (d: T) => K2,
    key3: (d: T) => K3
  ): Map<K1, Map<K2, Map<K3, T>>>;
  export function group<T, K>(data: Iterable<T>, key: (d: T) => K): Map<K, T[]>;
  export function group<T, K1, K2>(data: Iterable<T>, key1: (d: T) => K1, key2: (d: T) => K2): Map<K1, Map<K2, T[]>>;
  export function rollup<T, R, K>(data: Iterable<T>, reduce: (values: T[]) => R, key: (d: T) => K): Map<K, R>;
  export function rollup<T, R, K1, K2>(
    data: Iterable<T>,
    reduce: (values: T[]) => R,
    key1: (d: T) => K1,
    key2: (d: T) => K2
  ): Map<K1, Map<K2, R>>;
  export function sum<T>(data: Iterable<T>, value: (d: T) => number | null | undefined): number;
  export function sum(data: Iterable<number | null | undefined>): number;
}
