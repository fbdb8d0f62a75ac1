/**
 * Default priors for virtual populations: which parameters differ between animals or patients,
 * and how much. Lognormal around each organism's value. Regeneration is where individuals differ
 * most in the data we have (the per-animal rat fits), so the defaults vary its three
 * remnant-capacity parameters; anything else can be added with --prior / --priors.
 */
import type { ParameterPrior } from "../types.js";

const PRIORS: readonly ParameterPrior[] = [
  {
    id: "M",
    cv: 0.3,
    source:
      "assumed; the per-animal rat liver-volume fits (docs/models/rat-calibration.md) spread M over 12–50 (two of five at the fit bound), so 30% is the conservative end",
  },
  {
    id: "theta_cd",
    cv: 0.15,
    source:
      "Tuczek & Rabes via design/model.md: the rat critical remnant lies between 10% and 18%, read as ±2 SD around 14%",
  },
  {
    id: "k_cd",
    cv: 0.5,
    source: "assumed: not identifiable from each animal's six volumes (rat calibration), so a wide spread",
  },
];

export function il6LiverPriors(_organism: string): readonly ParameterPrior[] {
  return PRIORS;
}
