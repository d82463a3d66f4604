import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {parseCsv, readCsv, type FileSpec} from "../loaders/csv.js";
import {DataError} from "../loaders/errors.js";

// A small spec exercising every column type; the data files' own specs are tested through loadInputs.
const SPEC: FileSpec = {
  file: "data/test.csv",
  description: "a test row",
  key: ["id", "kind"],
  columns: [
    {name: "id", type: "string", description: "row identifier"},
    {name: "kind", type: "enum", values: ["a", "b"], description: "a or b"},
    {name: "count", type: "integer", min: 1, max: 100, description: "a count, 1–100"},
    {name: "watts", type: "number", above: 0, max: 1e6, description: "power, watts"},
    {name: "note", type: "string", optional: true, description: "remarks"}
  ]
};
const HEADER = "id,kind,count,watts,note\n";

/** Calls parseCsv and returns the DataError it throws. */
function error(text: string | Buffer): DataError {
  try {
    parseCsv(text, SPEC);
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error("parseCsv accepted bad input");
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, {recursive: true, force: true})));

describe("csv", () => {
  test("parseCsv reads typed values with their line numbers", () => {
    const rows = parseCsv(`${HEADER}x,a,3,1415.78,\ny,b,100,2e3,"quoted, with comma"\n`, SPEC);
    expect(rows).toEqual([
      {line: 2, values: {id: "x", kind: "a", count: 3, watts: 1415.78, note: null}},
      {line: 3, values: {id: "y", kind: "b", count: 100, watts: 2000, note: "quoted, with comma"}}
    ]);
  });

  test("parseCsv accepts columns in any order", () => {
    const rows = parseCsv("note,watts,count,kind,id\n,5,1,a,x\n", SPEC);
    expect(rows[0].values).toEqual({note: null, watts: 5, count: 1, kind: "a", id: "x"});
  });

  test("parseCsv counts lines of a quoted field with a newline", () => {
    const rows = parseCsv(`${HEADER}x,a,1,5,"two\nlines"\ny,a,1,5,\n`, SPEC);
    expect(rows.map((r) => r.line)).toEqual([3, 4]);
  });

  test("parseCsv accepts a Buffer of UTF-8", () => {
    const rows = parseCsv(Buffer.from(`${HEADER}NY↔SF,a,1,5,Schlömer\n`, "utf8"), SPEC);
    expect(rows[0].values.id).toBe("NY↔SF");
    expect(rows[0].values.note).toBe("Schlömer");
  });

  test("parseCsv names file, line and column of a bad number", () => {
    const e = error(`${HEADER}x,a,1,5,\ny,a,2,"1,415.78",\n`);
    expect(e).toBeInstanceOf(DataError);
    expect(e.file).toBe("data/test.csv");
    expect(e.line).toBe(3);
    expect(e.column).toBe("watts");
    expect(e.columnNumber).toBe(4);
    expect(e.message).toBe(
      'data/test.csv:3:4 (column "watts"): "1,415.78" is not a number (write digits with a "." for decimals, no separators or units); expected power, watts'
    );
  });

  test("parseCsv rejects units, NaN, Infinity and overflow in a number", () => {
    expect(error(`${HEADER}x,a,1,12h,\n`).message).toMatch(/:2:4 \(column "watts"\): "12h" is not a number/);
    expect(error(`${HEADER}x,a,1,NaN,\n`).message).toMatch(/"NaN" is not a number/);
    expect(error(`${HEADER}x,a,1,Infinity,\n`).message).toMatch(/"Infinity" is not a number/);
    expect(error(`${HEADER}x,a,1,1e400,\n`).message).toMatch(/:2:4 .*"1e400" is not a finite number/);
  });

  test("parseCsv checks integers and bounds", () => {
    expect(error(`${HEADER}x,a,1.5,5,\n`).message).toMatch(/:2:3 \(column "count"\): "1.5" is not a whole number/);
    expect(error(`${HEADER}x,a,0,5,\n`).message).toMatch(/0 is out of range: expected a count, 1–100, ≥ 1 and ≤ 100/);
    expect(error(`${HEADER}x,a,101,5,\n`).message).toMatch(/101 is out of range/);
    expect(error(`${HEADER}x,a,1,0,\n`).message).toMatch(/:2:4 .*0 is out of range: expected power, watts, > 0/);
    expect(error(`${HEADER}x,a,1,-5,\n`).message).toMatch(/-5 is out of range/);
  });

  test("parseCsv checks enums, empty required cells and spaces", () => {
    expect(error(`${HEADER}x,c,1,5,\n`).message).toMatch(/:2:2 \(column "kind"\): "c" is not one of a, b/);
    expect(error(`${HEADER},a,1,5,\n`).message).toMatch(/:2:1 \(column "id"\): empty, expected row identifier/);
    expect(error(`${HEADER}x ,a,1,5,\n`).message).toMatch(/:2:1 .*"x " has leading or trailing spaces/);
    expect(error(`${HEADER}x,a, 1,5,\n`).message).toMatch(/:2:3 .*" 1" has leading or trailing spaces/);
  });

  test("parseCsv rejects a duplicate key, naming the first line", () => {
    const e = error(`${HEADER}x,a,1,5,\nx,b,1,5,\nx,a,2,6,\n`);
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/duplicate row: id "x", kind "a" already on line 2/);
  });

  test("parseCsv rejects missing, unknown and repeated columns on line 1", () => {
    expect(error("id,kind,count,note\nx,a,1,\n").message).toMatch(
      /^data\/test.csv:1 \(column "watts"\): missing column "watts"/
    );
    expect(error("id,kind,count,watts,note,extra\nx,a,1,5,,\n").message).toMatch(
      /^data\/test.csv:1:6 \(column "extra"\): unknown column "extra"; expected the columns id, kind, count, watts, note/
    );
    expect(error("id,kind,count,watts,note,count\nx,a,1,5,,1\n").message).toMatch(
      /^data\/test.csv:1:6 \(column "count"\): column "count" appears twice/
    );
  });

  test("parseCsv rejects rows with the wrong number of fields", () => {
    expect(error(`${HEADER}x,a,1,1,415.78,\n`).message).toMatch(
      /^data\/test.csv:2: 6 fields, expected 5 \(id, kind, count, watts, note\)/
    );
    expect(error(`${HEADER}x,a,1\n`).message).toMatch(/:2: 3 fields, expected 5/);
  });

  test("parseCsv rejects empty files, header-only files and empty lines", () => {
    expect(error("").message).toBe("data/test.csv: the file is empty; expected a header line");
    expect(error(HEADER).message).toBe("data/test.csv:2: the file has a header but no rows");
    expect(error(`${HEADER}x,a,1,5,\n\ny,a,1,5,\n`).message).toMatch(/^data\/test.csv:3: empty line/);
  });

  test("parseCsv rejects a BOM, CRLF, a missing final newline and bad quoting", () => {
    expect(error(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}x,a,1,5,\n`)])).message).toMatch(
      /^data\/test.csv:1:1: the file starts with a byte-order mark/
    );
    expect(error(`${HEADER}x,a,1,5,\r\n`).message).toMatch(
      /^data\/test.csv:2: carriage return found; use LF line ends/
    );
    expect(error(`${HEADER}x,a,1,5,`).message).toMatch(/^data\/test.csv:2: the last line has no newline/);
    expect(error(`${HEADER}x,a,1,5,"open\n`).message).toMatch(/^data\/test.csv.*not valid CSV/);
  });

  test("parseCsv locates invalid UTF-8 by line and column", () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}x,a,1,5,ok\ny,a,1,5,Schl`),
      Buffer.from([0xf6]),
      Buffer.from("mer\n")
    ]);
    const e = error(latin1);
    expect(e.line).toBe(3);
    expect(e.column).toBe("note");
    expect(e.message).toMatch(/^data\/test.csv:3:5 \(column "note"\): .*0xF6.* not valid UTF-8/);
  });

  test("readCsv reads a file from disk and names the file when it cannot", () => {
    const dir = mkdtempSync(join(tmpdir(), "csv-test-"));
    dirs.push(dir);
    writeFileSync(join(dir, "test.csv"), `${HEADER}x,a,1,5,\n`);
    expect(readCsv(join(dir, "test.csv"), SPEC)).toHaveLength(1);
    expect(() => readCsv(join(dir, "missing.csv"), SPEC, "data/missing.csv")).toThrow(
      "data/missing.csv: cannot read the file (ENOENT)"
    );
  });
});
