// The peers chart: for each training run, what each tool would report beside the printed and the recomputed
// CO2e, on a log scale (Plot marks only).
import * as Plot from "@observablehq/plot";
import type {PeerLine} from "../lib/peers/peers.js";

/** One point per run and figure: the printed value, the recomputed one and each tool's (kg CO2e). */
export interface PeerPoint {
  model: string;
  who: string;
  co2e_kg: number;
}

export function peerPoints(lines: readonly PeerLine[]): PeerPoint[] {
  const out: PeerPoint[] = [];
  const seen = new Set<string>();
  for (const l of lines) {
    if (!seen.has(l.id)) {
      seen.add(l.id);
      if (l.printed_kg != null) out.push({model: l.model, who: "Printed by the source", co2e_kg: l.printed_kg});
      if (l.recomputed_kg != null) out.push({model: l.model, who: "Recomputed here", co2e_kg: l.recomputed_kg});
    }
    if (l.co2e_kg != null && l.co2e_kg > 0) out.push({model: l.model, who: l.tool_name, co2e_kg: l.co2e_kg});
  }
  return out;
}

export function peersPlot(points: readonly PeerPoint[], width: number | undefined): SVGSVGElement | HTMLElement {
  const models = [...new Set(points.map((p) => p.model))];
  return Plot.plot({
    width,
    ariaLabel: "CO2e of each training run: printed, recomputed, and as each tool would report it",
    ariaDescription: "A dot per run and source on a log scale of kg CO2e; the table below holds every value.",
    marginLeft: Math.min(260, Math.max(...models.map((m) => m.length)) * 6.5),
    height: 40 + models.length * 34,
    x: {type: "log", label: "kg CO2e (log scale)", grid: true},
    y: {domain: models, label: null},
    color: {legend: true, label: "Who"},
    symbol: {legend: false},
    marks: [
      Plot.ruleY(models, {stroke: "currentColor", strokeOpacity: 0.1}),
      Plot.dot(points, {
        x: "co2e_kg",
        y: "model",
        stroke: "who",
        symbol: "who",
        r: 5,
        strokeWidth: 2,
        tip: true,
        title: (p: PeerPoint) =>
          `${p.model}\n${p.who}: ${p.co2e_kg.toLocaleString("en-US", {maximumSignificantDigits: 4})} kg CO2e`
      })
    ]
  });
}
