// buildReport: the report of one scenario (report-core.ts) with the paper's errata computed from the inputs.
import {errata, type Erratum} from "./errata.js";
import {composeReport, type Report} from "./report-core.js";
import type {Scenario} from "../scenario/scenario.js";
import type {Inputs} from "../inputs/types.js";

export * from "./report-core.js";

/**
 * The one function from (inputs, scenario) to everything shown: the four tables with the printed values
 * beside each row, a status per printed cell, the errata and the press claims.
 */
export function buildReport(inputs: Inputs, scenario: Scenario, known: Erratum[] = errata(inputs)): Report {
  return composeReport(inputs, scenario, known);
}
