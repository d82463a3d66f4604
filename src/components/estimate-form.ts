// The estimate page's form values → the (name, value) parameters the CLI reads (src/lib/estimate.ts), and the
// estimate → DOM: the row in the paper's format, a plain-text summary and the JSON the CLI prints, each with a
// copy button. Text only through el() (textContent).
import {estimateJson, estimateMarkdown, estimateText, ParamError, paperRow, type Estimate} from "../lib/estimate.js";
import {formatNumber} from "../lib/format.js";
import {NvidiaSmiError} from "../lib/nvidia-smi.js";
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
export function estimateOutput(e: Estimate): HTMLElement {
  const row = paperRow(e);
  const table = el(
    "table",
    {class: "report-table estimate-row", "data-table": "estimate"},
    el(
      "caption",
      {},
      "Your run in the format of Strubell et al. (2019), Table 3; kWh·PUE and CO2e from equations 1 and 2."
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
    el("h3", {}, "Summary"),
    el("pre", {"data-estimate": "text", tabindex: "0", role: "region", "aria-label": "Summary"}, text),
    copyButton(text, "summary"),
    el("h3", {}, "Markdown row"),
    el("pre", {"data-estimate": "md", tabindex: "0", role: "region", "aria-label": "Markdown row"}, md),
    copyButton(md, "Markdown"),
    el("h3", {}, "JSON (the same as npm run report -- estimate --format json)"),
    el("pre", {"data-estimate": "json", tabindex: "0", role: "region", "aria-label": "JSON"}, json),
    copyButton(json, "JSON"),
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

/** An error from the parameters or the log, naming the field or the log's line. */
export function estimateError(error: unknown, logName: string | null): HTMLElement {
  let message: string;
  if (error instanceof ParamError) message = `${error.param}: ${error.message}`;
  else if (error instanceof NvidiaSmiError) message = `${logName ?? "log"}: ${error.message}`;
  else message = error instanceof Error ? error.message : String(error);
  return el("p", {class: "estimate-error", role: "alert", "data-estimate": "error"}, message);
}
