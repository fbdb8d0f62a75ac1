/**
 * textbook-pk network: a monoclonal-antibody-like drug in one plasma compartment with
 * first-order absorption from an s.c./i.p. depot, i.v. bolus and infusion input, linear
 * clearance, and target-mediated disposition (binding a receptor that is made by a tissue,
 * turned over, and internalised with the drug). The tissue can be resected and regrows
 * logistically. Structure after Mager & Jusko 2001 (J Pharmacokinet Pharmacodyn 28:507);
 * every value is an assumed, textbook-typical number for an IgG, not a fit to data.
 */
import { massAction, network, type Network } from "../../core/network/index.js";

export interface OrganismParameters {
  /** Body weight, kg. */
  readonly bodyWeight: number;
  /** Plasma volume, L (40 mL/kg). */
  readonly plasmaVolume: number;
  /** Linear elimination half-life of free drug, h. */
  readonly halfLife: number;
  /** Absorption rate from the depot, 1/h. */
  readonly ka: number;
}

export const ORGANISMS: Readonly<Record<string, OrganismParameters>> = {
  human: { bodyWeight: 70, plasmaVolume: 2.8, halfLife: 240, ka: 0.01 },
  mouse: { bodyWeight: 0.025, plasmaVolume: 0.001, halfLife: 168, ka: 0.05 },
};

/** Molecular weight of the drug, kDa (an IgG). */
export const DRUG_MW_KDA = 150;
/** Bioavailability of a depot (s.c. or i.p.) dose. */
export const DEPOT_BIOAVAILABILITY = 0.7;

const ASSUMED = { source: "textbook value for an IgG (assumed)", confidence: "assumed" } as const;

export function pkNetwork(organism: string, genotype: readonly string[]): Network {
  const o = ORGANISMS[organism];
  const receptorKnockout = genotype.includes("R_KO");
  return network(`textbook_pk_${organism}`, (n) => {
    n.compartment("plasma", { size: o.plasmaVolume, unit: "L" });
    n.parameter("CL", (Math.LN2 * o.plasmaVolume) / o.halfLife, {
      unit: "L/h",
      ...ASSUMED,
      note: `ln2 · V / t½ with t½ = ${o.halfLife} h`,
    });
    n.parameter("ka", o.ka, { unit: "1/h", ...ASSUMED });
    n.parameter("kon", 0.36, { unit: "1/nM/h", ...ASSUMED, note: "1e5 /M/s" });
    n.parameter("koff", 0.036, { unit: "1/h", ...ASSUMED, note: "Kd = 0.1 nM" });
    n.parameter("kint", 0.1, { unit: "1/h", ...ASSUMED });
    n.parameter("kdeg_R", 0.2, { unit: "1/h", ...ASSUMED });
    n.parameter("ksyn_R", receptorKnockout ? 0 : 0.2, {
      unit: "nM/h",
      ...ASSUMED,
      note: "kdeg_R × 1 nM: the free receptor rests at 1 nM",
    });
    n.parameter("kgrow", 0.05, { unit: "1/h", ...ASSUMED, note: "logistic regrowth of the tissue" });
    n.parameter("MW_kDa", DRUG_MW_KDA, { unit: "kg/mol", name: "molecular weight (kDa)", ...ASSUMED });
    n.parameter("infusion_rate", 0, { unit: "nmol/h", constant: false });
    n.parameter("tissue", 1, { unit: "1", constant: false, name: "tissue mass / pre-operative mass" });
    n.rateRule("tissue", "kgrow * tissue * (1 - tissue)");

    n.species("depot", { in: "plasma", initialAmount: 0, amount: true, unit: "nmol" });
    n.species("D", { in: "plasma", initial: 0, unit: "nM", name: "free drug" });
    n.species("R", { in: "plasma", initial: receptorKnockout ? 0 : 1, unit: "nM", name: "free receptor" });
    n.species("DR", { in: "plasma", initial: 0, unit: "nM", name: "drug-receptor complex" });

    n.reaction("absorption", ["depot"], ["D"], "ka * depot");
    n.reaction("infusion", [], ["D"], "infusion_rate");
    n.reaction("clearance", ["D"], [], "CL * D");
    n.reaction("drug_binds_receptor", ["D", "R"], ["DR"], massAction("kon", "koff"));
    n.reaction("receptor_synthesis", [], ["R"], "ksyn_R * tissue * plasma");
    n.reaction("receptor_degradation", ["R"], [], massAction("kdeg_R"));
    n.reaction("complex_internalisation", ["DR"], [], massAction("kint"));
  });
}
