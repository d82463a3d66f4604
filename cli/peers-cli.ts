// `npm run report -- peers`: what ML CO2 Impact, Green Algorithms, CodeCarbon, Carbontracker and
// experiment-impact-tracker would report for each of Strubell's Table 3 rows, the later models and the ledger's
// model rows with their published defaults.
import {parseArgs} from "node:util";
import {loadInputs} from "../loaders/inputs.js";
import {loadPeerDefaults, loadPeerLocations} from "../loaders/peer-inputs.js";
import {buildLaterReport} from "../src/lib/later/later-report.js";
import {computeLedger} from "../src/lib/later/ledger.js";
import {laterPeerRows, ledgerPeerRows, peerLines, strubellPeerRows, type PeerLine} from "../src/lib/peers/peers.js";
import {buildReport} from "../src/lib/paper/report.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";

export const PEER_FORMATS = ["json", "csv", "md"] as const;

export class PeersUsageError extends Error {}

export const PEERS_HELP = `Usage: npm run report -- peers [--format json|csv|md] [--out FILE] [--data DIR]

For every row of Strubell et al. (2019) Table 3, every later model and every ledger model row (the
model cards of data/ledger_rows.v2.csv), what ML CO2 Impact, Green
Algorithms, CodeCarbon, Carbontracker and experiment-impact-tracker would report with their published
defaults (data/peer_defaults.csv: TDP tables, PUE, intensity, each cited to the tool's file at a commit;
the country of each run from data/peer_locations.csv), beside the printed and the recomputed CO2e (kg;
later models and ledger rows under their own PUE and intensity). A tool that cannot report a row says why
(a ledger row whose source names no country gets no country-based figure).
`;

const COLUMNS: Array<keyof PeerLine> = [
  "id",
  "model",
  "printed_kg",
  "recomputed_kg",
  "tool",
  "tool_name",
  "kwh",
  "co2e_kg",
  "ratio_to_recomputed",
  "used",
  "reason"
];

function csvCell(v: unknown): string {
  const s = v == null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function fmt(x: number | null): string {
  return x == null ? "—" : x.toLocaleString("en-US", {maximumSignificantDigits: 4});
}

export function runPeers(argv: string[]): {output: string; out: string | null} {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        format: {type: "string", default: "json"},
        out: {type: "string"},
        data: {type: "string", default: "data"},
        help: {type: "boolean", short: "h"}
      }
    }).values;
  } catch (error) {
    throw new PeersUsageError((error as Error).message.replace(/\. To specify.*$/s, ""));
  }
  if (values.help) return {output: PEERS_HELP, out: null};
  const format = values.format as string;
  if (!(PEER_FORMATS as readonly string[]).includes(format)) {
    throw new PeersUsageError(`--format "${format}" is not allowed: one of ${PEER_FORMATS.join(", ")}`);
  }
  const inputs = loadInputs(values.data as string);
  const defaults = loadPeerDefaults(values.data as string);
  const locations = loadPeerLocations(values.data as string);
  const scenario = paperScenario(inputs);
  const report = buildReport(inputs, scenario);
  const later = buildLaterReport(inputs, scenario);
  const lines = peerLines(
    [
      ...strubellPeerRows(report, locations, inputs.accelerators),
      ...laterPeerRows(later, locations, inputs.accelerators),
      ...ledgerPeerRows(
        inputs.ledgerRows,
        inputs.ledgerPublished,
        computeLedger(inputs),
        locations,
        inputs.accelerators
      )
    ],
    defaults
  );
  let output: string;
  if (format === "json") output = JSON.stringify({rows: lines, defaults, locations}, null, 2) + "\n";
  else if (format === "csv") {
    output = [COLUMNS.join(","), ...lines.map((l) => COLUMNS.map((c) => csvCell(l[c])).join(","))].join("\n") + "\n";
  } else {
    output =
      [
        "| Model | Printed kg | Recomputed kg | Tool | kWh | CO2e kg | × recomputed | Defaults or reason |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |",
        ...lines.map(
          (l) =>
            `| ${l.model} | ${fmt(l.printed_kg)} | ${fmt(l.recomputed_kg)} | ${l.tool_name} | ${fmt(l.kwh)} | ${fmt(l.co2e_kg)} | ${fmt(l.ratio_to_recomputed)} | ${(l.reason ?? l.used).replace(/\|/g, "\\|")} |`
        )
      ].join("\n") + "\n";
  }
  return {output, out: (values.out as string | undefined) ?? null};
}
