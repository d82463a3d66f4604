// Import throughput of `estimate --nvidia-smi` and `estimate --codecarbon` on generated logs (issue 14): each
// log is written to a temporary folder, read by a child process (so that its peak RSS is the importer's), and
// deleted. Targets: ≥ 50 MB/s, peak RSS ≤ 256 MB. Run alone with `npx tsx bench/imports.ts [--mb N]`, or as
// part of `npm run bench`. The child is `tsx bench/imports.ts --child nvidia-smi|codecarbon FILE`.
import {spawnSync} from "node:child_process";
import {closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {CODECARBON_HEADERS} from "../src/lib/estimate/codecarbon.js";

export const IMPORT_TARGETS = {mbPerSecond: 50, peakRssMb: 256};

const pad = (x: number, n = 2) => String(x).padStart(n, "0");

/**
 * Writes an nvidia-smi log of about `bytes` bytes: 8 GPUs sampled every second (with a few ms of jitter, as a
 * real `-l 1` log), power between 150 and 300 W, a few [N/A] readings. Deterministic.
 */
export function writeNvidiaSmiLog(file: string, bytes: number): void {
  const fd = openSync(file, "w");
  let written = 0;
  let chunk = "timestamp, index, power.draw [W]\n";
  let ms = Date.UTC(2026, 0, 1);
  let step = 0;
  try {
    while (written + chunk.length < bytes) {
      const d = new Date(ms);
      const stamp = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
      for (let gpu = 0; gpu < 8; gpu++) {
        const watts =
          step % 9973 === 0 && gpu === 3 ? "[N/A]" : `${(150 + ((step * 7 + gpu * 13) % 150) + 0.25).toFixed(2)} W`;
        chunk += `${stamp}, ${gpu}, ${watts}\n`;
      }
      step++;
      ms += 1000 + ((step * 37) % 11) - 5;
      if (chunk.length > 1 << 20) {
        written += writeSync(fd, chunk);
        chunk = "";
      }
    }
    written += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a CodeCarbon emissions.csv (the 38-column v3 header) of about `bytes` bytes: runs of 10,000 cumulative
 * rows each (a flush every 15 s for about 42 h), as `on_csv_write="append"` writes them. Deterministic.
 */
export function writeCodeCarbonLog(file: string, bytes: number): void {
  const columns = CODECARBON_HEADERS[0].columns;
  const fd = openSync(file, "w");
  let written = 0;
  let chunk = `${columns.join(",")}\n`;
  let row = 0;
  try {
    while (written + chunk.length < bytes) {
      const run = Math.floor(row / 10_000);
      const k = (row % 10_000) + 1;
      const duration = 15 * k;
      const energy = (duration * 0.35) / 3600;
      const values: Record<string, string | number> = {
        timestamp: new Date(Date.UTC(2026, 0, 1) + duration * 1000).toISOString().slice(0, 19),
        project_name: "bench",
        run_id: `00000000-0000-4000-8000-${String(run).padStart(12, "0")}`,
        experiment_id: "5b0fa12a-3dd7-45bb-9766-cc326314d9f1",
        duration,
        emissions: energy * 0.056,
        emissions_rate: (energy * 0.056) / duration,
        cpu_power: 42.5,
        gpu_power: 300,
        ram_power: 7.5,
        cpu_energy: (energy * 42.5) / 350,
        gpu_energy: (energy * 300) / 350,
        ram_energy: (energy * 7.5) / 350,
        energy_consumed: energy,
        water_consumed: 0,
        country_name: "France",
        country_iso_code: "FRA",
        region: "ile-de-france",
        cloud_provider: "",
        cloud_region: "",
        os: "Linux-6.8.0-x86_64-with-glibc2.39",
        python_version: "3.12.3",
        codecarbon_version: "3.2.1",
        cpu_count: 32,
        cpu_model: "AMD EPYC 7B13",
        gpu_count: 1,
        gpu_model: "1 x NVIDIA A100-SXM4-80GB",
        longitude: 2.3,
        latitude: 48.9,
        ram_total_size: 125.7,
        tracking_mode: "machine",
        cpu_utilization_percent: 31.5,
        gpu_utilization_percent: 92.25,
        ram_utilization_percent: 40.5,
        ram_used_gb: 50.9,
        on_cloud: "N",
        pue: 1,
        wue: 0
      };
      chunk += columns.map((c) => values[c]).join(",") + "\n";
      row++;
      if (chunk.length > 1 << 20) {
        written += writeSync(fd, chunk);
        chunk = "";
      }
    }
    written += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

export interface ImportFigure {
  mb: number;
  seconds: number;
  mb_per_s: number;
  /** CPU time (user + system) of the import, and MB per CPU second: steadier than wall time on a shared machine. */
  cpu_seconds: number;
  mb_per_cpu_s: number;
  peak_rss_mb: number;
  result: Record<string, number>;
}

/** In the child: reads the file with the CLI's importer and prints the figures as JSON. */
async function child(kind: string, file: string): Promise<void> {
  // Modules loaded (and transpiled by tsx) before the clock starts: the figure is the import's own work.
  const {readPowerLogs} = await import("../cli/import-nvidia-smi.js");
  const {readCodeCarbon} = await import("../cli/import-codecarbon.js");
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let result: Record<string, number>;
  if (kind === "nvidia-smi") {
    const log = await readPowerLogs(file);
    result = {gpus: log.gpus.length, samples: log.validSamples, skipped: log.skippedCount, kwh: log.measuredKwh};
  } else {
    const r = await readCodeCarbon(file);
    result = {runs: r.runs.length, rows: r.rows, kwh: r.energy_kwh};
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mb = statSync(file).size / 1e6;
  const figure: ImportFigure = {
    mb: Number(mb.toFixed(1)),
    seconds: Number(seconds.toFixed(2)),
    mb_per_s: Number((mb / seconds).toFixed(1)),
    cpu_seconds: Number(cpuSeconds.toFixed(2)),
    mb_per_cpu_s: Number((mb / cpuSeconds).toFixed(1)),
    // maxRSS is in kilobytes (KiB); MB here are 10^6 bytes.
    peak_rss_mb: Number(((process.resourceUsage().maxRSS * 1024) / 1e6).toFixed(1)),
    result
  };
  process.stdout.write(JSON.stringify(figure) + "\n");
}

/** Runs the child on a file: its figures, or an error naming its exit. */
export function measureImport(kind: "nvidia-smi" | "codecarbon", file: string, nodeOptions = ""): ImportFigure {
  const r = spawnSync(join("node_modules", ".bin", "tsx"), ["bench/imports.ts", "--child", kind, file], {
    encoding: "utf8",
    env: {...process.env, NODE_OPTIONS: nodeOptions}
  });
  if (r.status !== 0) throw new Error(`${kind} import of ${file} exited ${r.status}: ${r.stderr.slice(-400)}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

/** Generates a log of `mb` MB per importer in a temporary folder, measures each, deletes them. */
export function runImportBench(mb = 1000, log: (m: string) => void = () => {}) {
  const dir = mkdtempSync(join(tmpdir(), "bench-imports-"));
  const figures: Record<string, ImportFigure> = {};
  try {
    for (const kind of ["nvidia-smi", "codecarbon"] as const) {
      const file = join(dir, kind === "nvidia-smi" ? "power.csv" : "emissions.csv");
      log(`writing a ${mb} MB ${kind} log`);
      (kind === "nvidia-smi" ? writeNvidiaSmiLog : writeCodeCarbonLog)(file, mb * 1e6);
      log(`importing it (${kind})`);
      figures[kind] = measureImport(kind, file);
      rmSync(file);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
  const check = (f: ImportFigure) => ({
    mbPerSecond: {
      target: IMPORT_TARGETS.mbPerSecond,
      measured: f.mb_per_s,
      met: f.mb_per_s >= IMPORT_TARGETS.mbPerSecond
    },
    peakRssMb: {
      target: IMPORT_TARGETS.peakRssMb,
      measured: f.peak_rss_mb,
      met: f.peak_rss_mb <= IMPORT_TARGETS.peakRssMb
    }
  });
  return {
    figures,
    targets: {nvidiaSmi: check(figures["nvidia-smi"]), codecarbon: check(figures.codecarbon)}
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    child(argv[1], argv[2]).catch((error: Error) => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exitCode = 1;
    });
  } else {
    const mb = Number(argv[argv.indexOf("--mb") + 1] ?? 1000) || 1000;
    const result = runImportBench(mb, (m) => process.stderr.write(`[bench] ${m}\n`));
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  }
}
