// Today's grids: yearly country and region carbon intensities (Ember, CC BY 4.0), validated, for the grid choice.
import {emitData} from "../../loaders/site.js";

await emitData("country-grids.json");
