// The estimate page's form values → the (name, value) parameters the CLI reads (src/lib/estimate/estimate.ts), and the
// estimate → DOM: the row in the paper's format, a plain-text summary and the JSON the CLI prints, each with a
// copy button. Text only through el() (textContent).
import {
  estimateJson,
  estimateMarkdown,
  estimateText,
  ParamError,
  paperRow,
  type Estimate
} from "../lib/estimate/estimate.js";
import {formatNumber, formatSignificant} from "../lib/present/format.js";
import {kgTo} from "../lib/formulas/units.js";
import {NvidiaSmiError} from "../lib/estimate/nvidia-smi.js";
import {CodeCarbonError} from "../lib/estimate/codecarbon.js";
import {
  codecarbonJson,
  codecarbonMarkdown,
  codecarbonText,
  type CodeCarbonEstimate
} from "../lib/estimate/estimate-codecarbon.js";
import {el} from "./dom.js";
import {dataTable, scrollBox} from "./table.js";

/** What the form holds: text fields as typed, the PUE slider's number, the selects' ids. */
export interface EstimateFormValues {
  accelerator: string;
  count: string;
  watts: string;
  hours: string;
  cpuWatts: string;
  dramWatts: string;
  pue: number;
  grid: string;
  intensity: string;
  intensityUnit: string;
  units: string;
  gapSeconds: string;
}

/**
 * The form's values as CLI parameters, in the CLI's order; blank fields are left out so that the same defaults
 * apply (`--accelerator A100 --count 8 …` ⇔ the form with those fields filled).
 */

/** The result as text to copy: the summary, the Markdown and the JSON, which the CLI prints with `flags`. */
function textBlocks(
  o: {text: string; md: string; mdHeading: string; mdLabel: string; json: string},
  flags: string
): HTMLElement[] {
  const block = (kind: string, heading: string, label: string, body: string, copyLabel: string) => [
    el("h3", {}, heading),
    el("pre", {"data-estimate": kind, tabindex: "0", role: "region", "aria-label": label}, body),
    copyButton(body, copyLabel)
  ];
  return [
    ...block("text", "Summary", "Summary", o.text, "summary"),
    ...block("md", o.mdHeading, o.mdLabel, o.md, "Markdown"),
    ...block("json", `JSON (the same as npm run report -- estimate ${flags})`, "JSON", o.json, "JSON")
  ];
}

export function estimateEntries(v: EstimateFormValues): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (name: string, value: string) => {
    if (value.trim() !== "") out.push([name, value.trim()]);
  };
  add("accelerator", v.accelerator);
  add("count", v.count);
  add("watts", v.watts);
  add("hours", v.hours);
  add("cpu-watts", v.cpuWatts);
  add("dram-watts", v.dramWatts);
  add("gap-seconds", v.gapSeconds);
  add("pue", String(v.pue));
  add("grid", v.grid);
  if (v.intensity.trim() !== "") add("intensity", `${v.intensity.trim()}${v.intensityUnit}`);
  add("units", v.units);
  return out;
}

function copyButton(text: string, what: string): HTMLButtonElement {
  const button = el("button", {type: "button", class: "copy-button"}, `Copy ${what}`);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Select the text and copy it";
    }
    setTimeout(() => (button.textContent = `Copy ${what}`), 2000);
  });
  return button;
}

/** The estimate: the Table 3 row, the summary, the Markdown row and the JSON, and what the power log held. */
export function estimateOutput(e: Estimate, missingPrice?: string): HTMLElement {
  const row = paperRow(e);
  const table = el(
    "table",
    {class: "report-table estimate-row", "data-table": "estimate"},
    el(
      "caption",
      {},
      "Your run in the format of Strubell et al. (2019), Table 3; energy (PUE included) and CO2e from equations 1 and 2."
    ),
    el("thead", {}, el("tr", {}, ...row.map((c, k) => el("th", {scope: "col", class: k ? "num" : "text"}, c.label)))),
    el("tbody", {}, el("tr", {}, ...row.map((c, k) => el("td", {class: k ? "num" : "text"}, c.value))))
  );
  const text = estimateText(e);
  const json = estimateJson(e);
  const md = estimateMarkdown(e);
  const log = e.nvidia_smi;
  return el(
    "div",
    {class: "estimate-output"},
    scrollBox(table, "Your run as a Table 3 row"),
    e.cost_usd_low == null && missingPrice
      ? el("p", {class: "muted", "data-estimate": "missing-price"}, `Cloud cost: ${missingPrice}.`)
      : null,
    ...textBlocks({text, md, mdHeading: "Markdown row", mdLabel: "Markdown row", json}, "--format json"),
    log
      ? el(
          "section",
          {class: "estimate-log"},
          el("h3", {}, `Power log ${log.file}`),
          scrollBox(
            dataTable(
              log.gpus,
              [
                {key: "index", label: "GPU", numeric: true},
                {key: "samples", label: "Samples", numeric: true},
                {key: "average_w", label: "Average (W)", numeric: true, value: (g) => formatNumber(g.average_w, 2)},
                {
                  key: "covered_h",
                  label: "Covered (s)",
                  numeric: true,
                  value: (g) => formatNumber(g.covered_h * 3600, 1)
                }
              ],
              `Power integrated per GPU with trapezoids; intervals over ${formatNumber(log.gap_threshold_s, 3)} s are gaps (no data).`
            ),
            "Per-GPU average power from the log"
          ),
          log.warnings.length
            ? el(
                "ul",
                {class: "log-warnings", "data-estimate": "warnings"},
                ...log.warnings.map((w) => el("li", {}, w))
              )
            : el("p", {class: "muted"}, "Every line of the log was read; no gaps.")
        )
      : null
  );
}

/**
 * A parameter error in plain words, for the field it belongs to: `hours "abc" is not allowed: a number …`
 * becomes `“abc” is not allowed here: give a number …` (the field's label already names it).
 */
export function plainFieldError(error: ParamError): string {
  const m = /^\S+ "(.*)" is not allowed: (.*)$/s.exec(error.message);
  if (m) return `“${m[1]}” is not allowed here: give ${m[2]}.`;
  const rest = error.message.startsWith(`${error.param} `)
    ? error.message.slice(error.param.length + 1)
    : error.message;
  return `${rest.charAt(0).toUpperCase()}${rest.slice(1)}${/[.!?]$/.test(rest) ? "" : "."}`;
}

/** An error from the parameters or the log: a parameter's error is shown at its field (fieldError). */
export function estimateError(error: unknown, logName: string | null): HTMLElement {
  let message: string;
  if (error instanceof ParamError) message = `Check the field marked above: ${plainFieldError(error)}`;
  else if (error instanceof NvidiaSmiError) message = `${logName ?? "The power log"}: ${error.message}`;
  else if (error instanceof CodeCarbonError) message = `CodeCarbon file ${error.message}`;
  else message = error instanceof Error ? error.message : String(error);
  return el("p", {class: "estimate-error", role: "alert", "data-estimate": "error"}, message);
}

/**
 * Marks the field of a parameter error inside the form (its element has data-field = the parameter's name):
 * the message in plain words right under it, the input flagged aria-invalid. Clears earlier marks first.
 */
export function markFieldError(form: Element, error: unknown): void {
  for (const old of form.querySelectorAll(".field-error")) old.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  if (!(error instanceof ParamError)) return;
  const name = error.param === "intensity" ? "intensity" : error.param;
  const field = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!field) return;
  const id = `field-error-${name}`;
  const input = field.querySelector("input, select");
  input?.setAttribute("aria-invalid", "true");
  input?.setAttribute("aria-describedby", id);
  field.after(el("p", {class: "field-error", id, role: "alert", "data-field-error": name}, plainFieldError(error)));
}

/** The Table 1 rows a result is compared with: the familiar consumptions. */
export interface Familiar {
  label: string;
  co2eLbs: number;
}

/**
 * The headline: the run's CO2e and energy with units, and how it compares with each familiar consumption of
 * Table 1 (as a multiple, or as a share when smaller).
 */
export function estimateHeadline(e: Estimate, familiar: readonly Familiar[]): HTMLElement {
  const unit = e.inputs.units;
  const mass = kgTo(e.co2e_kg, unit);
  return el(
    "div",
    {class: "estimate-headline", "data-estimate": "headline"},
    el(
      "p",
      {class: "estimate-big"},
      el("span", {class: "big", "data-estimate": "co2e"}, `${formatSignificant(mass, 3)} ${unit}`),
      " CO2e"
    ),
    el(
      "p",
      {},
      `from ${formatSignificant(e.kwh, 3)} kWh drawn from the grid (PUE included) over ${formatSignificant(e.hours, 3)} hours at ${formatNumber(e.power_w, 0)} W. That is:`
    ),
    comparisons(e.co2e_lbs, familiar)
  );
}

function comparisons(co2eLbs: number, familiar: readonly Familiar[]): HTMLElement {
  return el(
    "ul",
    {class: "estimate-compare"},
    ...familiar.map((f) => {
      const ratio = co2eLbs / f.co2eLbs;
      const text =
        ratio >= 1
          ? `${formatSignificant(ratio, 3)} × ${f.label.toLowerCase()}`
          : `${formatSignificant(ratio * 100, 2)} % of ${f.label.toLowerCase()}`;
      return el("li", {"data-compare": f.label}, text);
    })
  );
}

/**
 * A CodeCarbon record under the page's scenario: the headline (CO2e, the kWh with the scenario's PUE, CodeCarbon's
 * own kWh and emissions), then the CLI's summary, Markdown table and JSON (`estimate --codecarbon FILE`).
 */
export function codecarbonOutput(e: CodeCarbonEstimate, familiar: readonly Familiar[]): HTMLElement {
  const unit = e.inputs.units;
  const runs = e.codecarbon.runs.length;
  const text = codecarbonText(e);
  const md = codecarbonMarkdown(e);
  const json = codecarbonJson(e);
  return el(
    "div",
    {class: "estimate-output"},
    el(
      "div",
      {class: "estimate-headline", "data-estimate": "headline"},
      el(
        "p",
        {class: "estimate-big"},
        el("span", {class: "big", "data-estimate": "co2e"}, `${formatSignificant(kgTo(e.co2e_kg, unit), 3)} ${unit}`),
        " CO2e"
      ),
      el(
        "p",
        {},
        `from ${formatSignificant(e.kwh, 3)} kWh drawn from the grid at PUE ${e.inputs.pue}: CodeCarbon measured ${formatSignificant(e.hardware_kwh, 3)} kWh at the hardware over ${formatSignificant(e.hours, 3)} hours in ${runs} run${runs === 1 ? "" : "s"} (${formatSignificant(e.codecarbon_kwh, 3)} kWh with its own PUE) and reported ${formatSignificant(e.codecarbon_emissions_kg, 3)} kg CO2eq. That is:`
      ),
      comparisons(e.co2e_lbs, familiar)
    ),
    ...textBlocks(
      {text, md, mdHeading: "Runs as a Markdown table", mdLabel: "Markdown table", json},
      "--codecarbon FILE --format json"
    )
  );
}
