// Types for the parts of Observable Inputs 0.12 (which ships none) that the sensitivity controls use.
declare module "@observablehq/inputs" {
  /** An input element: a form whose `value` reflects the current value; it emits "input" on change. */
  export type InputElement<T> = HTMLElement & {value: T; disabled?: boolean};
  interface Common<T> {
    label?: string | Node;
    value?: T;
    disabled?: boolean;
    width?: number | string;
  }
  export function range(
    extent: readonly [number, number],
    options?: Common<number> & {step?: number; format?: (x: number) => string; placeholder?: string}
  ): InputElement<number>;
  export function number(
    extent: readonly [number, number],
    options?: Common<number> & {step?: number; placeholder?: string}
  ): InputElement<number>;
  export function select<T>(data: readonly T[], options?: Common<T> & {format?: (x: T) => string}): InputElement<T>;
  export function text(options?: Common<string> & {placeholder?: string; submit?: boolean}): InputElement<string>;
  export function radio<T>(
    data: readonly T[],
    options?: Common<T> & {format?: (x: T) => string | Node}
  ): InputElement<T>;
}
