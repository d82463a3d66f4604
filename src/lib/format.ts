import {roundToStep} from "./compare.js";

/** One formatter per number of decimals: toLocaleString builds a new one on every call, which the sensitivity page cannot afford. */
const FORMATTERS = new Map<number, Intl.NumberFormat>();

/** Formats a number with thousands separators and a fixed number of decimals (en-US, deterministic). */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value == null || !Number.isFinite(value)) return "—";
  let formatter = FORMATTERS.get(decimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-US", {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
    FORMATTERS.set(decimals, formatter);
  }
  return formatter.format(value);
}

/** Formats a number rounded to a printed step: 1 → "1,438", 1000 → "103k", 0.01 → "1,415.78". */
export function formatStep(value: number | null | undefined, step: number): string {
  if (value == null || !Number.isFinite(value)) return "—";
  if (step === 1000) return `${formatNumber(roundToStep(value, step) / 1000)}k`;
  const decimals = step >= 1 ? 0 : Math.max(0, Math.round(-Math.log10(step)));
  return formatNumber(roundToStep(value, step), decimals);
}

/** Formats a value with a number of significant digits, thousands separators kept. */
export function formatSignificant(value: number | null | undefined, digits = 3): string {
  if (value == null || !Number.isFinite(value)) return "—";
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return formatNumber(Number(value.toPrecision(digits)), decimals);
}

/** Formats a US dollar amount: "$1,238". */
export function formatUsd(value: number | null | undefined, decimals = 0): string {
  return value == null || !Number.isFinite(value) ? "—" : `$${formatNumber(value, decimals)}`;
}
