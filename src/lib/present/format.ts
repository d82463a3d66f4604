import {formatLocale} from "d3-format";
import {roundToStep} from "../paper/compare.js";

/** d3's formats in en-US with a plain hyphen-minus (d3's default minus is U+2212), the same on every machine. */
const LOCALE = formatLocale({decimal: ".", thousands: ",", grouping: [3], currency: ["$", ""], minus: "-"});

/** One formatter per d3 format specifier, made once: the sensitivity page formats thousands of numbers per change. */
const FORMATTERS = new Map<string, (value: number) => string>();

function d3Format(specifier: string): (value: number) => string {
  let formatter = FORMATTERS.get(specifier);
  if (!formatter) FORMATTERS.set(specifier, (formatter = LOCALE.format(specifier)));
  return formatter;
}

/** Formats a number with thousands separators and a fixed number of decimals (d3 ",.Nf"). */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value == null || !Number.isFinite(value)) return "—";
  return d3Format(`,.${decimals}f`)(value);
}

/** Formats a number rounded to a printed step: 1 → "1,438", 1000 → "103k", 0.01 → "1,415.78". */
export function formatStep(value: number | null | undefined, step: number): string {
  if (value == null || !Number.isFinite(value)) return "—";
  if (step === 1000) return `${formatNumber(roundToStep(value, step) / 1000)}k`;
  const decimals = step >= 1 ? 0 : Math.max(0, Math.round(-Math.log10(step)));
  return formatNumber(roundToStep(value, step), decimals);
}

/** Formats a value with a number of significant digits, thousands separators kept (d3 ",.Nr"). */
export function formatSignificant(value: number | null | undefined, digits = 3): string {
  if (value == null || !Number.isFinite(value)) return "—";
  if (value === 0) return "0";
  return d3Format(`,.${digits}r`)(value);
}

/** Formats a US dollar amount: "$1,238". */
export function formatUsd(value: number | null | undefined, decimals = 0): string {
  return value == null || !Number.isFinite(value) ? "—" : `$${formatNumber(value, decimals)}`;
}
