// Tables 1-4 recomputed under the paper's assumptions, each printed cell compared, with the errata and claims.
import {emitData} from "../../loaders/site.js";

await emitData("report.json");
