// The words a reader meets on this site, each defined once with its source. The glossary page lists them;
// pages link the first use of a term to its entry (src/components/glossary.ts).

export interface GlossaryTerm {
  /** The anchor on the glossary page: glossary.html#pue. */
  id: string;
  /** The term as written. */
  term: string;
  definition: string;
  /** Where the definition comes from. */
  source: string;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    id: "co2e",
    term: "CO2e",
    definition:
      "Carbon dioxide equivalent: an amount of greenhouse gases expressed as the mass of carbon dioxide that would warm the climate as much (over 100 years). The paper and this site give it in pounds (lbs), kilograms (kg) or tonnes (t, 1,000 kg).",
    source: "IPCC (2014), AR5 Working Group III, Annex I (Glossary), “CO2-equivalent emission”"
  },
  {
    id: "kwh",
    term: "kWh",
    definition:
      "Kilowatt-hour: the energy drawn by a 1,000-watt load for one hour (3.6 megajoules). A training run's energy is its power in kilowatts times its hours; 1 MWh is 1,000 kWh.",
    source: "BIPM (2019), The International System of Units, 9th edition, Table 8 (the hour)"
  },
  {
    id: "pue",
    term: "PUE",
    definition:
      "Power usage effectiveness: the energy a whole data centre draws divided by the energy its computers draw, so 1.58 means 58 % more for cooling, power conversion and the rest. The paper multiplies every training run's energy by 1.58, a 2018 survey average; Google reported 1.10 for the datacentre that ran the search.",
    source:
      "The Green Grid (2007), Green Grid Metrics: Describing Datacenter Power Efficiency; Strubell et al. (2019) §2 after Ascierto (2018, Uptime Institute)"
  },
  {
    id: "carbon-intensity",
    term: "carbon intensity",
    definition:
      "The CO2e emitted per kWh of electricity drawn from a grid. The paper uses the US average of 0.954 lbs (0.433 kg) per kWh; a grid of mostly hydro or nuclear power has a much lower intensity, one of mostly coal a higher one.",
    source: "Strubell et al. (2019) §2, equation 2, after the U.S. EPA (2018)"
  },
  {
    id: "emission-factor",
    term: "emission factor",
    definition:
      "The CO2e per kWh of one source of electricity (coal, gas, nuclear, renewables) over its life cycle. A grid's carbon intensity is the mix of its sources weighted by their emission factors.",
    source: "IPCC (2014), AR5 Working Group III, Annex III, Table A.III.2"
  },
  {
    id: "pre-emptible",
    term: "pre-emptible",
    definition:
      "A cloud machine rented at a discount that the provider may take back at any moment. The paper's low cloud cost uses pre-emptible prices, its high cost on-demand prices.",
    source: "Strubell et al. (2019) §3, footnotes 7 and 8 (Google Cloud prices)"
  },
  {
    id: "reproduced",
    term: "reproduced",
    definition:
      "A printed number that this replication recomputes from the paper's inputs and, rounded as the paper rounded it, finds equal.",
    source: "This replication (methods page: how cells are compared)"
  },
  {
    id: "differs",
    term: "differs",
    definition:
      "A printed number that the paper's own inputs and formula do not give at the printed precision. Each is explained on the errata page with its arithmetic.",
    source: "This replication (errata page)"
  },
  {
    id: "calibrated",
    term: "calibrated",
    definition:
      "A printed number that matches by construction, because an input the paper does not print was inferred from it (or it follows from inputs alone whatever the unprinted ones). It is not an independent check.",
    source: "This replication (methods page: the inferred input)"
  },
  {
    id: "scenario",
    term: "scenario",
    definition:
      "A set of assumptions other than the paper's (another PUE, grid or price). Under a scenario a recomputed number is compared with the printed one only to show the change: it is marked “scenario”, never as a paper error.",
    source: "This replication (sensitivity page)"
  },
  {
    id: "monte-carlo",
    term: "Monte Carlo",
    definition:
      "Estimating the spread of a result by recomputing it many times with inputs drawn at random from their plausible ranges, and reading the spread of the results (for example, the range holding 90 % of them).",
    source:
      "Metropolis & Ulam (1949), “The Monte Carlo Method”, Journal of the American Statistical Association 44(247)"
  },
  {
    id: "tornado",
    term: "tornado chart",
    definition:
      "A chart of one-at-a-time sensitivity: each input is moved from its low to its high value with the others held, and the bars of the result's change are sorted longest first, so the chart narrows like a funnel.",
    source: "Eschenbach (1992), “Spiderplots versus Tornado Diagrams for Sensitivity Analysis”, Interfaces 22(6)"
  }
];

/** A term by its id; throws for an unknown id, so a page cannot link to a missing entry. */
export function glossaryTerm(id: string): GlossaryTerm {
  const term = GLOSSARY.find((t) => t.id === id);
  if (!term) throw new Error(`no glossary term "${id}" (allowed: ${GLOSSARY.map((t) => t.id).join(", ")})`);
  return term;
}

const ESCAPES: Readonly<Record<string, string>> = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"};
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]);

/**
 * The glossary as static HTML, one term and its definition with its source each: the glossary page is built from it
 * (src/glossary.md.ts), so every glossary.html#id that a page links to is an anchor in the page's HTML.
 */
export function glossaryHtml(terms: readonly GlossaryTerm[] = GLOSSARY): string {
  const entries = terms.map(
    (t) =>
      `<dt id="${escapeHtml(t.id)}">${escapeHtml(t.term)}</dt>\n` +
      `<dd><p>${escapeHtml(t.definition)}</p><p class="muted small glossary-source">Source: ${escapeHtml(t.source)}</p></dd>`
  );
  return `<dl class="glossary">\n${entries.join("\n")}\n</dl>\n`;
}
