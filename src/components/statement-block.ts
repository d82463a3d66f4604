// The carbon impact statement on the estimate page: the paragraph (src/lib/estimate/statement.ts) in Markdown or LaTeX,
// shown as text to select, with a copy button. Text only through el() (textContent).
import type {Estimate} from "../lib/estimate/estimate.js";
import type {CodeCarbonEstimate} from "../lib/estimate/estimate-codecarbon.js";
import {impactStatement, type StatementCitation, type StatementFormat} from "../lib/estimate/statement.js";
import type {Inputs} from "../lib/inputs/types.js";
import {copyText} from "./cite-block.js";
import {el} from "./dom.js";

export function statementBlock(
  inputs: Inputs,
  e: Estimate | CodeCarbonEstimate,
  citation: StatementCitation,
  format: StatementFormat
): HTMLElement {
  const text = impactStatement(inputs, e, citation, format);
  const status = el("span", {class: "muted", role: "status"});
  const button = el("button", {type: "button", class: "copy-button"}, "Copy the statement");
  button.addEventListener("click", () => copyText(text, status, "Statement"));
  return el(
    "div",
    {class: "impact-statement"},
    el(
      "pre",
      {"data-estimate": `statement-${format}`, tabindex: "0", role: "region", "aria-label": "Carbon impact statement"},
      text
    ),
    button,
    status
  );
}
