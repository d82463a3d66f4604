// Helpers for the loaders' tests (not a test file): copies of data/ with one file edited, removed when the test file
// ends; the DataError that a load throws; the line of a row in a shipped data file.
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll} from "vitest";
import {DataError} from "../loaders/errors.js";

/**
 * A maker of copies of data/, each with `file` passed through `edit` (which must change it); the copies are removed
 * after the calling test file's tests.
 */
export function dataCopies(prefix: string): (file: string, edit: (text: string) => string) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, {recursive: true, force: true});
  });
  return (file, edit) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    cpSync("data", dir, {recursive: true});
    const path = join(dir, file);
    const before = readFileSync(path, "utf8");
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    writeFileSync(path, after);
    return dir;
  };
}

/** The DataError that `load` throws; any other error is rethrown, and a load that succeeds is an error. */
export function dataErrorOf(load: () => unknown): DataError {
  try {
    load();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("the bad file was accepted");
}

/** The 1-based line of the first line of data/`file` that starts with `startsWith` (0 if none). */
export function lineOf(file: string, startsWith: string): number {
  return (
    readFileSync(join("data", file), "utf8")
      .split("\n")
      .findIndex((l) => l.startsWith(startsWith)) + 1
  );
}
