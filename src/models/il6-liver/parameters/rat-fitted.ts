/**
 * Fitted to the rat liver volumes (chow controls) by `npm run calibrate:rat`
 * (scripts/calibrate-rat.ts, src/models/il6-liver/calibration); the report is
 * docs/models/rat-calibration.md. Generated: do not edit by hand.
 */

export const RAT_FIT = {
  pooled: {
    G_rate: { value: 0.0009903387959709878, lower: 0.0006944659788521719, upper: 0.0014122663466197508, method: "wald" },
    size_max: { value: 1.379864805496324, lower: 1.1614862204198788, upper: 1.6393021699035741, method: "wald" },
    sigma_volume: { value: 0.07498955579212481, lower: 0.052629889048422564, upper: 0.10684866678564181, method: "wald" },
  },
  perAnimal: {
    BCH27: { M: 12.423464712917584, k_cd: 0.5 },
    BCH28: { M: 49.99999999999999, k_cd: 0.0004999999999999999 },
    BCH29: { M: 49.99999999999999, k_cd: 0.05058944219504382 },
    BCHF30: { M: 18.230549477957815, k_cd: 0.5 },
    BCHF31: { M: 20.266716909128693, k_cd: 0.0004999999999999999 },
  },
  rmse: { pooled: 0.07952539006420314, perAnimal: 0.060509976878018124, perTimeMean: 0.07905445894847693, pooledLogistic: 0.08016933202141809, perAnimalLogistic: 0.061776495671218935 },
} as const;
