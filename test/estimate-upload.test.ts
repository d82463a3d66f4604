// src/components/estimate-upload.ts: the estimate page's readers give what the CLI's readers give (Node has the same
// Blob, TextDecoderStream and TransformStream as the browser), and report their progress.
import {readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {readCodeCarbon} from "../cli/import-codecarbon.js";
import {readPowerLogs} from "../cli/import-nvidia-smi.js";
import {readCodeCarbonFile, readPowerLogFile, uploadKind} from "../src/components/estimate-upload.js";
import {CodeCarbonError} from "../src/lib/estimate/codecarbon.js";
import {NvidiaSmiError} from "../src/lib/estimate/nvidia-smi.js";

const blob = (path: string) => new Blob([readFileSync(path)]);

describe("estimate-upload", () => {
  test("uploadKind: CodeCarbon's header (with or without a byte-order mark) or else a power log", () => {
    const v2 = readFileSync("test/fixtures/codecarbon/emissions-v2.csv", "utf8").split("\n")[0];
    expect(uploadKind(v2)).toBe("codecarbon");
    expect(uploadKind(`\uFEFF${v2}`)).toBe("codecarbon");
    expect(uploadKind("timestamp, index, power.draw [W]")).toBe("nvidia-smi");
    expect(uploadKind("timestamp,run_id,duration")).toBe("nvidia-smi");
  });

  test("readPowerLogFile streams a log into the CLI's reader: the same PowerLog, progress up to the file's size", async () => {
    for (const name of ["four-gpus.csv", "na-and-malformed.csv"]) {
      const path = `test/fixtures/nvidia-smi/${name}`;
      const seen: number[] = [];
      const page = await readPowerLogFile(blob(path), {}, (bytes, total) => {
        expect(total).toBe(blob(path).size);
        seen.push(bytes);
      });
      expect(page).toEqual(await readPowerLogs(path));
      expect(seen.at(-1)).toBe(blob(path).size);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    }
    const error = await readPowerLogFile(blob("test/fixtures/nvidia-smi/bad-header.csv")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NvidiaSmiError);
    expect((error as NvidiaSmiError).line).toBe(1);
  });

  test("readPowerLogFile stops when its signal is aborted", async () => {
    const stop = new AbortController();
    stop.abort(new Error("a new file was chosen"));
    const error = await readPowerLogFile(
      blob("test/fixtures/nvidia-smi/four-gpus.csv"),
      {},
      () => {},
      stop.signal
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe("a new file was chosen");
  });

  test("readCodeCarbonFile reads with csv-parse into the CLI's reader: the same import as readCodeCarbon", async () => {
    for (const name of ["emissions-v2.csv", "emissions-v3.csv"]) {
      const path = `test/fixtures/codecarbon/${name}`;
      const cli = await readCodeCarbon(path);
      const named = JSON.parse(JSON.stringify(cli).replaceAll(JSON.stringify(path), JSON.stringify(name)));
      expect(await readCodeCarbonFile(blob(path), name)).toEqual(named);
    }
    const v2 = readFileSync("test/fixtures/codecarbon/emissions-v2.csv", "utf8");
    const error = await readCodeCarbonFile(new Blob([`${v2.trimEnd()}\n"unclosed,x\n`]), "bad.csv").catch(
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(CodeCarbonError);
    expect((error as CodeCarbonError).message).toMatch(/^bad\.csv:\d+: not CSV: /);
  });
});
