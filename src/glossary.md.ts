// The glossary page (a Framework page loader): its Markdown, with every term as static HTML (loaders/site.ts).
import {SITE_PAGES} from "../loaders/site.js";

process.stdout.write(SITE_PAGES["glossary.md"]());
