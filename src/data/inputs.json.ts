// The validated inputs of data/*.csv with provenance, for the browser to recompute every scenario.
import {emit, inputsJson} from "../../loaders/site.js";

emit(inputsJson);
