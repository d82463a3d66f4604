// Streams nvidia-smi power logs (one file, or a directory of per-node logs) line by line into the pure reader
// of src/lib/estimate/nvidia-smi.ts: memory grows with the number of GPUs, not with the size of the logs.
import {createReadStream, readdirSync, statSync} from "node:fs";
import {basename, join} from "node:path";
import {StringDecoder} from "node:string_decoder";
import {NvidiaSmiError, PowerLogReader, type PowerLog} from "../src/lib/estimate/nvidia-smi.js";

/** The logs a path names: itself, or a directory's regular files not starting with "." (sorted by name). */
export function powerLogFiles(path: string): {files: string[]; directory: boolean} {
  const stat = statSync(path, {throwIfNoEntry: false});
  if (!stat) throw new NvidiaSmiError(null, "no such file or directory", path);
  if (!stat.isDirectory()) return {files: [path], directory: false};
  const files = readdirSync(path)
    .filter((f) => !f.startsWith("."))
    .sort()
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile());
  if (files.length === 0) throw new NvidiaSmiError(null, "the directory holds no log file", path);
  return {files, directory: true};
}

/** Feeds one file to the reader line by line, in chunks of 1 MiB. */
async function feed(reader: PowerLogReader, file: string): Promise<void> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of createReadStream(file, {highWaterMark: 1 << 20})) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    let end;
    while ((end = text.indexOf("\n", start)) >= 0) {
      reader.line(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest !== "") reader.line(rest);
}

/**
 * Reads a log, or a directory of per-node logs (each file's GPUs are distinct GPUs, named by the file), into one
 * PowerLog. Throws NvidiaSmiError with `file` set to the path of the bad log.
 */
export async function readPowerLogs(path: string, options: {maxGapSeconds?: number} = {}): Promise<PowerLog> {
  const {files, directory} = powerLogFiles(path);
  const reader = new PowerLogReader(options);
  let current = files[0];
  // The reader names a directory's logs by their base name (and a single log not at all): report the path.
  const located = (error: unknown) => {
    if (error instanceof NvidiaSmiError) {
      const file = error.file == null ? (directory ? current : path) : directory ? join(path, error.file) : path;
      return new NvidiaSmiError(error.line, error.detail, file);
    }
    const code = (error as NodeJS.ErrnoException).code;
    return code ? new NvidiaSmiError(null, `cannot read the file (${code})`, current) : error;
  };
  try {
    for (const file of files) {
      reader.file(directory ? basename(file) : null);
      current = file;
      await feed(reader, file);
    }
    return reader.finish();
  } catch (error) {
    throw located(error);
  }
}
