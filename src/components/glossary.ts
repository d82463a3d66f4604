// A term linked to its glossary entry, with its definition as a tooltip: term("pue") or term("pue", "PUEs").
import {glossaryTerm} from "../lib/present/glossary.js";
import {el} from "./dom.js";

export function term(id: string, text?: string): HTMLAnchorElement {
  const entry = glossaryTerm(id);
  return el(
    "a",
    {class: "term", href: `./glossary#${entry.id}`, title: entry.definition, "data-term": entry.id},
    text ?? entry.term
  );
}
