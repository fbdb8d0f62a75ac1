/**
 * Hepatocyte fate, liver mass, HGF and survival (design/model.md module 4): values shared by
 * mouse, rat and human. The skeleton and its starting values follow Cook 2015 as implemented in
 * the public Barnhart et al. code (per hour: with Cook's hypertrophy rate per minute the
 * remnant would double in ~2 h, against the rat volumes of `shared/data/rat-liver-volume`, which
 * rise from 0.30 to 0.50 of the pre-operative volume in 24 h). Organism files override what
 * differs (G1 duration, metabolic load, critical remnant) and say why.
 */
import { RAT_FIT } from "./rat-fitted.js";
import { SRC } from "./sources.js";
import { type ParamSet, derived, p } from "./types.js";

const A = "assumed";
/** Provenance of the values fitted here (see docs/models/rat-calibration.md). */
export const FITTED = "fitted (this work, rat-liver-volume chow controls; docs/models/rat-calibration.md)";
const ci = (x: { lower: number | null; upper: number | null; method: string }) =>
  `[${x.lower === null ? "open" : Number(x.lower.toPrecision(3))}, ${x.upper === null ? "open" : Number(x.upper.toPrecision(3))}] (${x.method})`;

export const REGENERATION: ParamSet = {
  // ---- basal turnover ----
  k_d0: p(1e-4, "1/h", SRC.bucher1967, "derived",
    "basal hepatocyte death = basal renewal: ~1 mitosis per 10,000-20,000 hepatocytes with a ~1 h mitosis gives a turnover of ~1e-4/h (lifespan ~1 year)"),

  // ---- priming (G0 -> G1 competence): hepatocyte STAT3 and the injury signal ----
  k_prime: p(0.5, "1/h", SRC.cook2015, "assumed", "maximal priming rate of quiescent hepatocytes (Cook's k_Q, per hour), reached when nuclear pSTAT3 and the Kupffer-cell (TNF/NF-kB) signal are high"),
  K_prime_STAT3: p(0.01, "1", A, "assumed", "hepatocyte nuclear pSTAT3 fraction of half-maximal STAT3-driven priming (the fraction reaches ~0.02-0.05 after a 70% PHx)"),
  n_prime_STAT3: p(2, "1", A, "assumed", "Hill coefficient of STAT3-driven priming: basal STAT3 (~2e-4) primes almost no cells"),
  w_prime_TNF: p(0.03, "1", SRC.yamada1997, "assumed",
    "STAT3-independent priming per unit of Kupffer-cell (TNF/NF-kB) activation: TNFR1 knockout mice regenerate poorly, IL-6 restores them (so most of the TNF effect runs through IL-6)"),
  w_prime_HGF: p(0.05, "1", "Ishii 1995 J Biochem 117:1105 (HGF infusion raises the hepatocyte labelling index ~6-fold in normal rats)", "assumed",
    "priming of enlarged hepatocytes by HGF (x HGF gate x size gate): HGF is a complete hepatocyte mitogen; it keeps hypertrophied cells cycling after the cytokine burst until their size is normal"),
  k_rev: p(0.05, "1/h", SRC.cook2015, "assumed", "primed hepatocytes return to quiescence (t1/2 ~14 h) unless they pass the restriction point (Cook's k_req 0.1/h as an upper value)"),

  // ---- restriction point: HGF and cell size ----
  k_commit: p(0.25, "1/h", SRC.cook2015, "assumed", "maximal rate at which primed hepatocytes pass the G1 restriction point"),
  K_commit_HGF: p(2, "1", A, "assumed", "HGF (fold of the pre-injury level) of half-maximal occupancy of the restriction point"),
  K_commit_size: p(0.1, "1", SRC.miyaoka2012, "assumed",
    "size excess (x normal - 1) of half-maximal licensing: hepatocytes grow before they divide (hypertrophy precedes division, Miyaoka 2012), and daughters of normal size stop"),

  // ---- cell-cycle stage durations (a chain of stages per phase gives the delay) ----
  T_G1: p(30, "h", SRC.zieve1985, "fitted", "late G1 (restriction point to S), 6 stages; set with T_S so that DNA synthesis peaks 36-44 h after a mouse 70% PHx (organism files override)"),
  T_S: p(8, "h", A, "assumed", "S phase of regenerating rodent hepatocytes, ~8 h (4 stages); BrdU labelling index = % of hepatocytes in these stages"),
  T_G2: p(3, "h", A, "assumed", "G2 (2 stages): mitoses peak a few hours after DNA synthesis"),
  T_M: p(1, "h", SRC.bucher1967, "assumed", "mitosis (1 stage), ~1 h; mitotic index = % of hepatocytes in it"),

  // ---- hypertrophy and the metabolic load (Cook 2015) ----
  M: p(20.8, "1", SRC.cook2015, "fitted",
    "metabolic load on the liver (dimensionless, Cook's M): scales the mass-deficit drive of hypertrophy and of extrahepatic HGF, and with theta_cd sets the critical remnant theta_cd x M"),
  G_rate: p(RAT_FIT.pooled.G_rate.value, "1/h", FITTED, "fitted",
    `mass growth per unit mass = G_rate x M x (1 - mass) x room in the cells (Cook's dG/dt = G_rate M (1/N - 1), per unit mass). 95% CI ${ci(RAT_FIT.pooled.G_rate)}; Cook's 3.5e-4 (read per hour; per minute the remnant would double in ~2 h) regrows the rat remnant too slowly. No mouse or human volume course here: the rat value is used for every organism`),
  size_max: p(RAT_FIT.pooled.size_max.value, "1", FITTED, "fitted",
    `largest hepatocyte size (x normal) before growth needs division; 95% CI ${ci(RAT_FIT.pooled.size_max)}. Compare: rat hepatocyte area 249 vs 198 um2 at 24 h (volume ~1.4x, Marongiu 2017); ~1.5x in mice (Miyaoka 2012)`),
  n_renewal: p(10, "1", A, "assumed", "basal renewal rises with the hepatocyte-number deficit: x (1 + n_renewal x (1 - number)); a number 10% short renews twice as fast as basal"),
  k_npc: p(0.03, "1/h", A, "assumed", "non-parenchymal cells (Kupffer, LSEC, HSC) regrow towards the hepatocyte number with a ~1-2 day lag (they proliferate after hepatocytes)"),

  // ---- death, STAT3-dependent protection ----
  k_cd: p(0.1, "1/h", SRC.cook2015, "fitted", "maximal death rate of hepatocytes of an overloaded remnant (liver mass / M below theta_cd), before STAT3 protection"),
  theta_cd: p(9e-3, "1", SRC.cook2015, "fitted", "critical liver mass / M: overload death and the failure hazard are half-maximal at a remnant of theta_cd x M (Cook: 0.009 x 20.8 = 0.19)"),
  sigma_overload_0: derived("0.5 * (1 + tanh((theta_cd - 1 / M) / beta_cd))", "1",
    "the overload sigmoid at the pre-operative mass; overload death and the failure hazard count above it, so the healthy liver is at steady state"),
  mass_floor: p(0.02, "1", SRC.numerical, "assumed",
    "liver mass below which the liver fluid volume and the per-mass HGF load stop shrinking (smooth floor m + f·exp(-m/f)): a failed liver (survival already ~0) otherwise drives volumes to 0 and HGF to infinity, and the solver to thousands of steps"),
  beta_cd: p(4.5e-3, "1", SRC.cook2015, "fitted", "width of the overload sigmoid (in units of liver mass / M)"),
  prot_max: p(0.9, "1", SRC.cressman1996, "assumed",
    "largest fraction of apoptotic death the STAT3 anti-apoptotic programme (Bcl-xL, Mcl-1, FLIP) prevents; without IL-6, remnant hepatocytes die after PHx (Cressman 1996; Cell Biosci 2014)"),
  K_prot: p(0.003, "1", A, "assumed", "hepatocyte nuclear pSTAT3 fraction of half-maximal protection"),
  k_prot: p(0.2, "1/h", A, "assumed", "the anti-apoptotic programme follows STAT3 with a ~3-5 h lag (transcription and translation)"),

  // ---- organ failure ----
  k_fail: p(0.2, "1/h", SRC.makino2005, "assumed",
    "failure hazard of a remnant far below critical (the overload sigmoid at 1): a mouse with a 10% remnant dies within ~1 day"),

  k_counter_leak: p(1e-6, "1/h", A, "assumed", "numerical: counters (cumulative hazard, S-phase entries) leak at this rate so that the pre-injury Jacobian is not singular (< 0.05% over two weeks)"),

  // ---- HGF (systemic, as fold of the pre-injury level) ----
  k_HGF_clear: p(Math.LN2 / (4 / 60), "1/h", SRC.liu1992, "measured", "plasma HGF t1/2 ~4 min"),
  f_HGF_liver: p(0.7, "1", SRC.kato1999, "measured", "hepatic share of HGF clearance (c-Met and heparan sulfate uptake), proportional to liver mass"),
  f_HGF_hsc: p(0.3, "1", SRC.fazel2019, "assumed", "share of basal HGF production by hepatic stellate cells (the rest: lung, spleen, kidney, endothelium)"),
  g_HGF_hsc: p(10, "1", SRC.fazel2019, "assumed", "fold increase of stellate-cell HGF production at full gp130-STAT3 activation (IL-6 trans-signalling induces HGF in HSC)"),
  K_HGF_hsc: p(0.005, "1", A, "assumed", "HSC nuclear pSTAT3 fraction of half-maximal HGF induction"),
  k_HGF_hsc_tx: p(0.2, "1/h", A, "assumed", "HSC HGF production follows STAT3 with a ~3-5 h lag"),
  k_HGF_load: p(0.03, "1", SRC.cook2015, "assumed",
    "extrahepatic HGF production rises with the load per liver mass: x (1 + k_HGF_load x M x (1/mass - 1)) (Cook's k_GF x M/N term)"),
  HGF_store: p(1500, "1", SRC.lindroos1991, "fitted",
    "matrix-bound HGF in the pre-operative liver, in units of the plasma HGF pool; calibrated so that plasma HGF is ~17-fold 2 h after a rat 2/3 PHx (released by the remnant's matrix plus lower hepatic clearance)"),
  k_HGF_release: p(1.0, "1/h", A, "assumed", "release of matrix-bound HGF per unit of matrix-protease (uPA/plasmin) activity"),
  k_uPA: p(1, "1/h", A, "assumed", "matrix-protease (uPA -> plasmin) activity follows its trigger and fades within hours, so matrix HGF release peaks ~1 h after PHx"),
  k_uPA_trigger: p(1, "1/h", A, "assumed", "the protease trigger of an injury fades with t1/2 ~40 min"),
  uPA_phx: p(1, "1", A, "assumed", "protease trigger at a hepatectomy of any size (normalised; uPA activity rises within minutes of PHx)"),
  uPA_per_death: p(20, "h", A, "assumed", "protease trigger per unit of excess hepatocyte death rate (necrosis activates uPA/plasmin too: HGF also rises after CCl4, Lindroos 1991)"),
  k_HGF_refill: p(0.02, "1/h", A, "assumed", "the matrix HGF store refills from stellate cells over ~2 days"),
};
