// The validated inputs of data/*.csv with provenance, for the browser to recompute every scenario.
import {emitData} from "../../loaders/site.js";

await emitData("inputs.json");
