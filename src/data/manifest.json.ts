// Package version, data version and the sha256 of every input file.
import {emit, manifestJson} from "../../loaders/site.js";

emit(manifestJson);
