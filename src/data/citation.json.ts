// Citations of this replication (with its version and data version) and of the original paper, generated
// from CITATION.cff with Citation.js; also the report date and the CFF text for download.
import {emitData} from "../../loaders/site.js";

await emitData("citation.json");
