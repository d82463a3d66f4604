import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {ALL_FILES} from "../src/lib/inputs/schemas.js";

export interface ManifestEntry {
  file: string;
  bytes: number;
  sha256: string;
  description: string;
}

export interface Manifest {
  name: string;
  version: string;
  /** sha256 over the sorted "sha256  file" lines of every input: one id for the whole data set. */
  data_version: string;
  files: ManifestEntry[];
}

/**
 * Checksums of every input file and the package version: what a citation of our numbers must name.
 * Files are read from `dataDir` (relative to `root`; DATA_DIR, default data/) but keep their data/ names.
 */
export function buildManifest(root = ".", dataDir = process.env.DATA_DIR || "data"): Manifest {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {name: string; version: string};
  const files = ALL_FILES.map((spec) => {
    const bytes = readFileSync(resolve(root, dataDir, spec.file.replace(/^data\//, "")));
    return {
      file: spec.file,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      description: spec.description
    };
  }).sort((a, b) => (a.file < b.file ? -1 : 1));
  const lines = files.map((f) => `${f.sha256}  ${f.file}\n`).join("");
  return {
    name: pkg.name,
    version: pkg.version,
    data_version: createHash("sha256").update(lines).digest("hex").slice(0, 12),
    files
  };
}
