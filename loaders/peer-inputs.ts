// data/peer_defaults.csv: the other tools' published defaults, each with the tool's file at a commit.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {parse} from "csv-parse/sync";
import {DataError} from "./errors.js";
import type {PeerDefault, PeerLocation} from "../src/lib/peers/peers.js";
import {PEER_TOOLS} from "../src/lib/peers/peers.js";

const COLUMNS = ["tool", "key", "value", "unit", "source", "locator", "note"];

export function loadPeerDefaults(dataDir = "data"): PeerDefault[] {
  const file = join(dataDir, "peer_defaults.csv");
  const rows: string[][] = parse(readFileSync(file, "utf8"), {relax_column_count: true});
  if (rows.length === 0 || rows[0].join(",") !== COLUMNS.join(",")) {
    throw new DataError(file, 1, null, null, `expected the header ${COLUMNS.join(",")}`);
  }
  const seen = new Set<string>();
  return rows.slice(1).map((r, k) => {
    const line = k + 2;
    if (r.length !== COLUMNS.length)
      throw new DataError(file, line, null, null, `${r.length} fields, expected ${COLUMNS.length}`);
    const [tool, key, value, unit, source, locator, note] = r;
    if (!PEER_TOOLS.some((t) => t.id === tool)) {
      throw new DataError(file, line, "tool", 1, `"${tool}" is not one of ${PEER_TOOLS.map((t) => t.id).join(", ")}`);
    }
    const x = Number(value);
    if (value.trim() === "" || !Number.isFinite(x) || x < 0) {
      throw new DataError(file, line, "value", 3, `"${value}" is not a number of 0 or more`);
    }
    if (!source || !locator) throw new DataError(file, line, "source", 5, "every default needs its source and locator");
    if (seen.has(`${tool}/${key}`)) throw new DataError(file, line, "key", 2, `${tool} ${key} appears twice`);
    seen.add(`${tool}/${key}`);
    return {tool, key, value: x, unit, source, locator, note: note || null};
  });
}

const LOCATION_COLUMNS = ["id", "location", "source", "locator", "note"];

/** data/peer_locations.csv: the country each run ran in, with the source that names it. */
export function loadPeerLocations(dataDir = "data"): PeerLocation[] {
  const file = join(dataDir, "peer_locations.csv");
  const rows: string[][] = parse(readFileSync(file, "utf8"), {relax_column_count: true});
  if (rows.length === 0 || rows[0].join(",") !== LOCATION_COLUMNS.join(",")) {
    throw new DataError(file, 1, null, null, `expected the header ${LOCATION_COLUMNS.join(",")}`);
  }
  const seen = new Set<string>();
  return rows.slice(1).map((r, k) => {
    const line = k + 2;
    if (r.length !== LOCATION_COLUMNS.length) {
      throw new DataError(file, line, null, null, `${r.length} fields, expected ${LOCATION_COLUMNS.length}`);
    }
    const [id, location, source, locator, note] = r;
    if (!/^[A-Z]{2}$/.test(location))
      throw new DataError(file, line, "location", 2, `"${location}" is not a two-letter country code`);
    if (!source || !locator)
      throw new DataError(file, line, "source", 3, "every location needs its source and locator");
    if (seen.has(id)) throw new DataError(file, line, "id", 1, `${id} appears twice`);
    seen.add(id);
    return {id, location, source, locator, note: note || null};
  });
}
