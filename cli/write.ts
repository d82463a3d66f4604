import {mkdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join, basename} from "node:path";

/** Writes a file whole or not at all: to a temporary sibling first, then renamed over the target. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), {recursive: true});
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, {force: true});
    throw error;
  }
}
