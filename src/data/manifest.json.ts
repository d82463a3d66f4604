// Package version, data version and the sha256 of every input file.
import {emitData} from "../../loaders/site.js";

await emitData("manifest.json");
