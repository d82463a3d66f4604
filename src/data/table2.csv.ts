// Table 2 recomputed under the paper's assumptions, beside the printed values, as CSV.
import {emitData} from "../../loaders/site.js";

await emitData("table2.csv");
