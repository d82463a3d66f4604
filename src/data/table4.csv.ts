// Table 4 recomputed under the paper's assumptions, beside the printed values, as CSV.
import {emit, tableCsv} from "../../loaders/site.js";

emit(() => tableCsv("table4"));
