// The bad-input catalogue: every file in test/fixtures/bad/ is one malformed input (a change to a copy of
// data/, or CLI arguments) with the error it must produce. Each data case copies data/ to a temporary
// directory, applies the case's edits and calls loadInputs; each CLI case calls runReport with its
// arguments. A case marked "process" also runs the CLI in a child process with --out, which must exit
// non-zero, print nothing to stdout and leave no output file (written whole or not at all).
//
// test/fixtures/bad/README.md is generated from the cases: after adding or changing one, rewrite it with
//   UPDATE_GOLDEN=1 npx vitest run test/bad-input.test.ts
import {spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parse} from "csv-parse/sync";
import {afterAll, describe, expect, test} from "vitest";
import {UsageError, runReport} from "../cli/cli.js";
import {DataError} from "../loaders/errors.js";
import {loadInputs} from "../loaders/inputs.js";

const FIXTURES = "test/fixtures/bad";
const README = join(FIXTURES, "README.md");
const TSX = join("node_modules", ".bin", "tsx");

/** Which row an edit touches: the value of the file's first column, or values of several columns. */
type RowRef = string | Record<string, string>;

type Edit =
  | {op: "set"; file: string; row: RowRef; column: string; value: string}
  | {op: "dropColumn"; file: string; column: string}
  | {op: "addColumn"; file: string; column: string; value: string}
  | {op: "duplicateRow" | "deleteRow"; file: string; row: RowRef}
  | {op: "insertBefore"; file: string; row: RowRef; text: string}
  | {op: "truncate"; file: string; lines: number}
  | {op: "replace"; file: string; find: string; with: string; encoding?: "utf8" | "latin1"}
  | {op: "prependBytes"; file: string; hex: string}
  | {op: "crlf" | "stripFinalNewline" | "deleteFile"; file: string}
  | {op: "appendLine"; file: string; text: string};

interface DataExpectation {
  file: string;
  /** A line number, "row" (the edited row's line), "row+1"/"row-1", "last" (the file's last line) or null. */
  line: number | string | null;
  column: string | null;
  /** The column's 1-based number when it cannot be read from the header: a number, "last" or null (none). */
  columnNumber?: number | "last" | null;
  message: string;
}

interface CliExpectation {
  param: string;
  message: string;
  /** Exit code of the CLI: 2 (usage error) unless given. */
  exit?: number;
}

interface Case {
  name: string;
  title: string;
  input: string;
  edits?: Edit[];
  args?: string[];
  expect: DataExpectation | CliExpectation;
  process?: boolean;
  processOnly?: boolean;
}

const CASES: Case[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({
    name: f.replace(/\.json$/, ""),
    ...(JSON.parse(readFileSync(join(FIXTURES, f), "utf8")) as Omit<Case, "name">)
  }));

const isCli = (c: Case) => c.args !== undefined;

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, {recursive: true, force: true})));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

// ---- Applying edits to a copy of data/ ---------------------------------------------------------------

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A data file as records, re-written with minimal quoting; cells set by an edit are written verbatim. */
class Table {
  header: string[];
  rows: Array<{cells: string[]; raw: Set<number>}>;

  constructor(text: string) {
    const records = parse(text, {relax_column_count: true}) as string[][];
    this.header = records[0];
    this.rows = records.slice(1).map((cells) => ({cells, raw: new Set<number>()}));
  }

  find(ref: RowRef, file: string) {
    const match = (cells: string[]) =>
      typeof ref === "string"
        ? cells[0] === ref
        : Object.entries(ref).every(([column, value]) => cells[this.column(column, file)] === value);
    const row = this.rows.find((r) => match(r.cells));
    if (!row) throw new Error(`fixture: ${file} has no row ${JSON.stringify(ref)}`);
    return row;
  }

  column(name: string, file: string): number {
    const k = this.header.indexOf(name);
    if (k < 0) throw new Error(`fixture: ${file} has no column "${name}"`);
    return k;
  }

  text(): string {
    const line = (cells: string[], raw = new Set<number>()) =>
      cells.map((c, k) => (raw.has(k) ? c : csvField(c))).join(",");
    return [line(this.header), ...this.rows.map((r) => line(r.cells, r.raw))].join("\n") + "\n";
  }
}

/** Applies a case's edits to dir; returns the line number of the row the last row edit touched. */
function applyEdits(dir: string, edits: Edit[]): number | null {
  let marked: {file: string; cells: string[]} | null = null;
  let markedLine: number | null = null;
  for (const edit of edits) {
    const path = join(dir, edit.file);
    if (edit.op === "deleteFile") {
      rmSync(path);
      continue;
    }
    const bytes = readFileSync(path);
    const structural = ["set", "dropColumn", "addColumn", "duplicateRow", "deleteRow", "insertBefore"];
    if (structural.includes(edit.op)) {
      const table = new Table(bytes.toString("utf8"));
      let inserted: {before: string[]; text: string} | null = null;
      if (edit.op === "set") {
        const row = table.find(edit.row, edit.file);
        const k = table.column(edit.column, edit.file);
        row.cells[k] = edit.value;
        row.raw.add(k);
        marked = {file: edit.file, cells: row.cells};
      } else if (edit.op === "dropColumn") {
        const k = table.column(edit.column, edit.file);
        table.header.splice(k, 1);
        for (const r of table.rows) r.cells.splice(k, 1);
      } else if (edit.op === "addColumn") {
        table.header.push(edit.column);
        for (const r of table.rows) r.cells.push(edit.value);
      } else if (edit.op === "duplicateRow") {
        const row = table.find(edit.row, edit.file);
        table.rows.splice(table.rows.indexOf(row) + 1, 0, {cells: [...row.cells], raw: new Set()});
        marked = {file: edit.file, cells: row.cells};
      } else if (edit.op === "deleteRow") {
        const row = table.find(edit.row, edit.file);
        table.rows.splice(table.rows.indexOf(row), 1);
      } else if (edit.op === "insertBefore") {
        const row = table.find(edit.row, edit.file);
        inserted = {before: row.cells, text: edit.text};
        marked = {file: edit.file, cells: row.cells};
      }
      let text = table.text();
      if (inserted) {
        const lines = text.split("\n");
        const at = table.rows.findIndex((r) => r.cells === inserted!.before) + 1;
        lines.splice(at, 0, inserted.text);
        text = lines.join("\n");
      }
      writeFileSync(path, text);
      if (marked) {
        const lines = text.split("\n");
        const target = table.text().split("\n")[table.rows.findIndex((r) => r.cells === marked!.cells) + 1];
        markedLine = lines.indexOf(target) + 1;
      }
    } else if (edit.op === "truncate") {
      const lines = bytes.toString("utf8").split("\n");
      writeFileSync(path, edit.lines === 0 ? "" : lines.slice(0, edit.lines).join("\n") + "\n");
    } else if (edit.op === "replace") {
      const text = bytes.toString("utf8");
      const at = text.indexOf(edit.find);
      if (at < 0) throw new Error(`fixture: ${edit.file} does not contain "${edit.find}"`);
      const before = Buffer.from(text.slice(0, at), "utf8");
      const after = Buffer.from(text.slice(at + edit.find.length), "utf8");
      writeFileSync(path, Buffer.concat([before, Buffer.from(edit.with, edit.encoding ?? "utf8"), after]));
    } else if (edit.op === "prependBytes") {
      writeFileSync(path, Buffer.concat([Buffer.from(edit.hex, "hex"), bytes]));
    } else if (edit.op === "crlf") {
      writeFileSync(path, bytes.toString("utf8").replace(/\n/g, "\r\n"));
    } else if (edit.op === "stripFinalNewline") {
      writeFileSync(path, bytes.toString("utf8").replace(/\n+$/, ""));
    } else if (edit.op === "appendLine") {
      writeFileSync(path, bytes.toString("utf8") + edit.text + "\n");
    }
  }
  return markedLine;
}

/** A fresh copy of data/ with the case's edits applied. */
function prepare(c: Case): {dir: string; markedLine: number | null} {
  const dir = tempDir("bad-input-");
  cpSync("data", dir, {recursive: true});
  const markedLine = applyEdits(dir, c.edits ?? []);
  return {dir, markedLine};
}

// ---- What each case must report ----------------------------------------------------------------------

function lastLine(path: string): number {
  const text = readFileSync(path, "latin1");
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/** The "file:line:column (column "name")" prefix the error must start with, resolved for this copy. */
function expectedPrefix(dir: string, e: DataExpectation, markedLine: number | null): string {
  const path = join(dir, e.file);
  let line: number | null = null;
  if (typeof e.line === "number") line = e.line;
  else if (e.line === "last") line = lastLine(path);
  else if (typeof e.line === "string") {
    const m = /^row([+-][0-9]+)?$/.exec(e.line);
    if (!m || markedLine == null) throw new Error(`fixture: cannot resolve line "${e.line}"`);
    line = markedLine + Number(m[1] ?? 0);
  }
  let columnNumber: number | null = null;
  if (e.columnNumber !== undefined) {
    const header = existsSync(path) ? readFileSync(path, "utf8").split("\n")[0].split(",") : [];
    columnNumber = e.columnNumber === "last" ? header.length : e.columnNumber;
  } else if (e.column) {
    const header = readFileSync(path, "latin1").split("\n")[0].replace(/\r$/, "").split(",");
    const k = header.indexOf(e.column);
    columnNumber = k >= 0 ? k + 1 : null;
  }
  const where = [path, line ?? undefined, line != null ? (columnNumber ?? undefined) : undefined]
    .filter((x) => x !== undefined)
    .join(":");
  return `${where}${e.column ? ` (column "${e.column}")` : ""}: `;
}

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error("accepted bad input: no error was thrown");
}

/** Runs the CLI in a child process, as a user would. */
function runCli(args: string[]) {
  const result = spawnSync(TSX, ["cli/cli.ts", ...args], {encoding: "utf8", env: {...process.env, TZ: "UTC"}});
  return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

// ---- The README table ---------------------------------------------------------------------------------

function rowText(ref: RowRef): string {
  return typeof ref === "string" ? ref : Object.values(ref).join(".");
}

function whereText(c: Case): string {
  if (isCli(c)) {
    const e = c.expect as CliExpectation;
    return `exit ${e.exit ?? 2}; names \`${e.param}\``;
  }
  const e = c.expect as DataExpectation;
  const rowEdit = c.edits?.find((x) => "row" in x) as {row: RowRef} | undefined;
  const line =
    typeof e.line === "number"
      ? `line ${e.line}`
      : e.line === "last"
        ? "last line"
        : typeof e.line === "string" && rowEdit
          ? `${{"": "line of", "+1": "line after", "-1": "line before"}[e.line.slice(3)] ?? `line ${e.line} of`} row \`${rowText(rowEdit.row)}\``
          : "no line";
  return `${e.file}, ${line}${e.column ? `, column \`${e.column}\`` : ""}`;
}

function cellText(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function readme(): string {
  const data = CASES.filter((c) => !isCli(c)).length;
  const cli = CASES.length - data;
  const lines = [
    "# Bad-input catalogue",
    "",
    "<!-- Generated by test/bad-input.test.ts from the *.json cases in this directory; do not edit by hand.",
    "     After changing a case: UPDATE_GOLDEN=1 npx vitest run test/bad-input.test.ts -->",
    "",
    `${CASES.length} malformed inputs (${data} to the data files, ${cli} to the CLI), each tested by`,
    "`test/bad-input.test.ts`. A data case copies `data/` to a temporary directory, applies its edits and",
    "runs `loadInputs`; a CLI case runs `npm run report` with its arguments. Each must fail with a message",
    "naming the file, line and column (data) or the parameter and what is allowed (CLI). Cases marked",
    "\u201cprocess\u201d also run the CLI in a child process with `--out FILE`: it must exit non-zero, print",
    "nothing to standard output and leave no output file behind.",
    "",
    "| # | case | input | where | expected message contains | process |",
    "| ---: | --- | --- | --- | --- | :---: |",
    ...CASES.map((c, k) =>
      [
        "",
        String(k + 1),
        cellText(c.title),
        cellText(c.input),
        cellText(whereText(c)),
        `\`${cellText(c.expect.message)}\``,
        c.process ? "yes" : "",
        ""
      ]
        .join(" | ")
        .trim()
    ),
    ""
  ];
  return lines.join("\n");
}

// ---- Tests --------------------------------------------------------------------------------------------

describe("bad-input", () => {
  test("loadInputs accepts the unmodified copy of data/ (the cases start from valid data)", () => {
    const {dir} = prepare({name: "valid", title: "", input: "", expect: {param: "", message: ""}});
    expect(() => loadInputs(dir)).not.toThrow();
  });

  test("readdirSync(test/fixtures/bad) finds at least 30 cases, data files and CLI arguments both", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(CASES.filter(isCli).length).toBeGreaterThanOrEqual(10);
    expect(CASES.filter((c) => !isCli(c)).length).toBeGreaterThanOrEqual(30);
  });

  test("readme() is what test/fixtures/bad/README.md holds (UPDATE_GOLDEN=1 rewrites it)", () => {
    const text = readme();
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(README, text);
    expect(readFileSync(README, "utf8")).toBe(text);
  });

  for (const c of CASES.filter((x) => !isCli(x))) {
    test(`loadInputs rejects ${c.name}: ${c.title}`, () => {
      const {dir, markedLine} = prepare(c);
      const e = c.expect as DataExpectation;
      const error = thrown(() => loadInputs(dir));
      if (process.env.BAD_INPUT_VERBOSE) process.stderr.write(`${c.name}: ${error.message}\n`);
      expect(error, error.stack).toBeInstanceOf(DataError);
      expect(error.message.startsWith(expectedPrefix(dir, e, markedLine)), error.message).toBe(true);
      expect(error.message).toContain(e.message);
    });
  }

  for (const c of CASES.filter((x) => isCli(x) && !x.processOnly)) {
    test(`runReport rejects ${c.name}: ${c.title}`, () => {
      const {dir} = prepare(c);
      const e = c.expect as CliExpectation;
      const args = c.args!.map((a) => (a === "{outDir}" ? dir : a));
      const error = thrown(() => runReport(["--data", dir, "--format", "json", ...args]));
      if (process.env.BAD_INPUT_VERBOSE) process.stderr.write(`${c.name}: ${error.message}\n`);
      expect(error, error.stack).toBeInstanceOf(UsageError);
      expect(error.message).toContain(e.param);
      expect(error.message).toContain(e.message);
    });
  }

  for (const c of CASES.filter((x) => x.process)) {
    test(`main in a child process rejects ${c.name} and writes no output file`, () => {
      const {dir, markedLine} = prepare(c);
      const outDir = tempDir("bad-input-out-");
      const out = join(outDir, "report.json");
      const args = (c.args ?? []).map((a) => (a === "{outDir}" ? outDir : a));
      const outArgs = args.includes("--out") ? [] : ["--out", out];
      const result = runCli(["--data", dir, "--format", "json", ...outArgs, ...args]);
      if (isCli(c)) {
        const e = c.expect as CliExpectation;
        expect(result.status, result.stderr).toBe(e.exit ?? 2);
        expect(result.stderr).toContain(e.message);
      } else {
        const e = c.expect as DataExpectation;
        expect(result.status, result.stderr).toBe(1);
        expect(result.stderr).toContain(`report: bad input: ${expectedPrefix(dir, e, markedLine)}`);
        expect(result.stderr).toContain(e.message);
      }
      expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
      expect(result.stdout).toBe("");
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(outDir)).toEqual([]);
    });
  }

  test("main keeps an existing --out file untouched when the input is bad", () => {
    const {dir} = prepare(CASES.find((c) => c.name.endsWith("text-in-number"))!);
    const outDir = tempDir("bad-input-out-");
    const out = join(outDir, "report.json");
    writeFileSync(out, "previous report\n");
    const result = runCli(["--data", dir, "--format", "json", "--out", out]);
    expect(result.status).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous report\n");
    expect(readdirSync(outDir)).toEqual(["report.json"]);
  });

  test("main writes --out whole, with no temporary file left, when the input is good", () => {
    const outDir = tempDir("bad-input-out-");
    mkdirSync(join(outDir, "nested"));
    const out = join(outDir, "nested", "report.json");
    const result = runCli(["--format", "json", "--out", out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    const report = JSON.parse(readFileSync(out, "utf8")) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(["table1", "table2", "table3", "table4"]));
    expect(readdirSync(join(outDir, "nested"))).toEqual(["report.json"]);
  });
});
