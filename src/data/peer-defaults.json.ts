// The other tools' published defaults (data/peer_defaults.csv), validated, for the peers page.
import {emitData} from "../../loaders/site.js";

await emitData("peer-defaults.json");
