import {claims, type Claim} from "./claims.js";
import {rollup} from "d3-array";
import {compareTables, publishedIndex, publishedRow, type CellComparison, type PublishedIndex} from "./compare.js";
import type {Erratum} from "./errata.js";
import type {Mix} from "../scenario/mix.js";
import {markScenarioCells, paperTables} from "./scenario-status.js";
import {mixUsed, serializeScenario, type Scenario} from "../scenario/scenario.js";
import {computeTables, type Table1Row, type Table2Row, type Table3Row, type Table4Row, type Tables} from "./tables.js";
import type {Inputs} from "../inputs/types.js";

export const TABLE1_COLUMNS = ["co2e_lbs"] as const;
export const TABLE3_COLUMNS = ["hours", "power_w", "kwh", "co2e_lbs", "cost_usd_low", "cost_usd_high"] as const;
export const TABLE4_COLUMNS = ["hours", "cost_usd_low", "cost_usd_high", "electricity_usd"] as const;

type WithPublished<T> = T & {published: Record<string, number | null>; status: Record<string, string>};

/** Everything a page, the CLI or an export shows for one scenario. */
export interface Report {
  /** The scenario, with `mix` the mix actually used (null for the EPA factor or a direct intensity). */
  scenario: Omit<Scenario, "mix"> & {
    mix: Mix | null;
    query: string;
    intensity_kg_per_kwh: number;
    intensity_source: string;
  };
  table1: WithPublished<Table1Row>[];
  table2: Table2Row[];
  table3: WithPublished<Table3Row>[];
  table4: WithPublished<Table4Row>[];
  cells: CellComparison[];
  errata: Erratum[];
  claims: Claim[];
}

/** Each table's rows with their printed values (published ⋈ rows on table and row) and their cells' statuses. */
function withPublished<T extends {id: string}>(
  rows: T[],
  table: "table1" | "table3" | "table4",
  columns: readonly string[],
  published: PublishedIndex,
  statuses: Map<string, Map<string, Record<string, string>>>
): WithPublished<T>[] {
  return rows.map((row) => ({
    ...row,
    published: publishedRow(published, table, row.id, columns),
    status: statuses.get(table)?.get(row.id) ?? {}
  }));
}

/**
 * The one function from (inputs, scenario) to everything shown: the four tables with the printed values
 * beside each row, a status per printed cell, the errata and the press claims. `known` is the paper's errata
 * (errata(inputs), which no scenario changes); buildReport (report.ts) computes them. A page that has them already
 * (the sensitivity page reads them from the build's report) calls this and does not load the errata's module.
 */
export function composeReport(inputs: Inputs, scenario: Scenario, known: Erratum[]): Report {
  const tables: Tables = computeTables(inputs, scenario);
  const query = serializeScenario(scenario, inputs);
  const compared = compareTables(tables, inputs.published, known);
  const cells = query === "" ? compared : markScenarioCells(compared, paperTables(inputs));
  const published = publishedIndex(inputs.published);
  // Each row's statuses by column, in the cells' order (cells ⋈ rows on table and row).
  const statuses = rollup(
    cells,
    (v) => Object.fromEntries(v.map((c) => [c.column, c.status])) as Record<string, string>,
    (c) => c.table,
    (c) => c.row
  );
  return {
    scenario: {
      ...scenario,
      mix: mixUsed(inputs, scenario),
      query,
      intensity_kg_per_kwh: tables.scenario.kgPerKwh,
      intensity_source: tables.scenario.intensitySource
    },
    table1: withPublished(tables.table1, "table1", TABLE1_COLUMNS, published, statuses),
    table2: tables.table2,
    table3: withPublished(tables.table3, "table3", TABLE3_COLUMNS, published, statuses),
    table4: withPublished(tables.table4, "table4", TABLE4_COLUMNS, published, statuses),
    cells,
    errata: known,
    claims: claims(inputs, tables)
  };
}
