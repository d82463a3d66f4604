// Writes data/country_grids.v1.csv, the yearly carbon intensity of each country's and region's
// electricity, from a local copy of Ember's yearly country overview (CC BY 4.0) at the commit named in
// src/lib/inputs/schemas.ts (COUNTRY_GRIDS_SOURCE), and ISO 3166-1's alpha-2 codes from the iso-codes package's
// iso_3166-1.json (version 4.15.0). No network: get the two files first, e.g.
//   git -C ember-data-api show ae39f58784e483c1febab076a03c2af70edd3b70:data/api_country_overview_yearly.csv > ember.csv
// and run
//   npx tsx scripts/extract-country-grids.ts --ember ember.csv --iso iso_3166-1.json
// The Ember copy must be byte for byte the file at that commit (its git blob id is checked), so the output is
// reproducible; a row without an intensity is left out, and the script says how many.
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {parseArgs} from "node:util";
import {parse} from "csv-parse/sync";
import {writeFileAtomic} from "../cli/write.js";
import {COUNTRY_GRIDS, COUNTRY_GRIDS_SOURCE, COUNTRY_GRID_YEARS} from "../src/lib/inputs/schemas.js";

/** The git blob id of a file's bytes (what `git hash-object` prints). */
export function gitBlobId(bytes: Buffer): string {
  return createHash("sha1")
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest("hex");
}

/** A region's id: its Ember name in upper case, words joined by "-" (World → WORLD, North America → NORTH-AMERICA). */
export function regionCode(name: string): string {
  return name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const SOURCE = `Ember yearly electricity data (ember-data-api@${COUNTRY_GRIDS_SOURCE.commit.slice(0, 7)})`;

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of data/country_grids.v1.csv from Ember's file and ISO's alpha-3 → alpha-2 table. */
export function extractCountryGrids(
  ember: Buffer,
  iso: {alpha_2: string; alpha_3: string}[]
): {csv: string; skipped: number} {
  const blob = gitBlobId(ember);
  if (blob !== COUNTRY_GRIDS_SOURCE.blob)
    throw new Error(
      `the Ember file's git blob id is ${blob}, not ${COUNTRY_GRIDS_SOURCE.blob} (${COUNTRY_GRIDS_SOURCE.path} at ${COUNTRY_GRIDS_SOURCE.commit})`
    );
  const alpha2 = new Map(iso.map((c) => [c.alpha_3, c.alpha_2]));
  const records = parse(ember, {info: true, columns: true}) as Array<{
    record: Record<string, string>;
    info: {lines: number};
  }>;
  const lines = [COUNTRY_GRIDS.columns.map((c) => c.name).join(",")];
  let skipped = 0;
  for (const {record: r, info} of records) {
    const year = Number(r.year);
    if (r.emissions_intensity_gco2_per_kwh === "" || year < COUNTRY_GRID_YEARS[0] || year > COUNTRY_GRID_YEARS[1]) {
      skipped++;
      continue;
    }
    const region = r.country_code === "";
    const code = region ? regionCode(r.country_or_region) : r.country_code;
    const g = String(Number(r.emissions_intensity_gco2_per_kwh));
    const fields = [
      code,
      region ? "" : (alpha2.get(code) ?? ""),
      r.country_or_region,
      region ? "region" : "country",
      String(year),
      g,
      SOURCE,
      `${COUNTRY_GRIDS_SOURCE.path.split("/").at(-1)} line ${info.lines}`
    ];
    lines.push(fields.map(csvField).join(","));
  }
  return {csv: lines.join("\n") + "\n", skipped};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {values} = parseArgs({
    options: {ember: {type: "string"}, iso: {type: "string"}, out: {type: "string", default: COUNTRY_GRIDS.file}}
  });
  if (!values.ember || !values.iso) {
    process.stderr.write(
      "usage: tsx scripts/extract-country-grids.ts --ember FILE --iso iso_3166-1.json [--out FILE]\n"
    );
    process.exit(2);
  }
  const iso = JSON.parse(readFileSync(values.iso, "utf8"))["3166-1"];
  const {csv, skipped} = extractCountryGrids(readFileSync(values.ember), iso);
  writeFileAtomic(values.out!, csv);
  process.stdout.write(
    `${values.out}: ${csv.split("\n").length - 2} rows (${skipped} rows of Ember's file without an intensity or outside ${COUNTRY_GRID_YEARS.join("–")} left out)\n`
  );
}
