/**
 * Fitted to the rat liver volumes (chow controls) by `npm run calibrate:rat`
 * (scripts/calibrate-rat.ts, src/models/il6-liver/calibration); the report is
 * docs/models/rat-calibration.md. Generated: do not edit by hand.
 */

export const RAT_FIT = {
  pooled: {
    G_rate: { value: 0.0009888276221373892, lower: 0.0006389596816035914, upper: 0.0016268497067564987, method: "profile" },
    size_max: { value: 1.369826990657016, lower: 1.1693355824381249, upper: null, method: "profile" },
    sigma_volume: { value: 0.07497374293955658, lower: 0.05261876449326244, upper: 0.10682618994382619, method: "wald" },
  },
  perAnimal: {
    BCH27: { M: 12.470268414081678, k_cd: 0.5 },
    BCH28: { M: 49.99999999999999, k_cd: 0.0004999999999999999 },
    BCH29: { M: 49.99999999999999, k_cd: 0.050468973090132076 },
    BCHF30: { M: 18.298005542172408, k_cd: 0.5 },
    BCHF31: { M: 20.263846230153042, k_cd: 0.0004999999999999999 },
  },
  rmse: { pooled: 0.07950793025393334, perAnimal: 0.06058139619534353, perTimeMean: 0.07905445894847693, pooledLogistic: 0.08016933202141809, perAnimalLogistic: 0.061776495671218935 },
} as const;
