/**
 * Per-animal rat liver volumes after 2/3 partial hepatectomy, chow-fed controls: longitudinal
 * ultrasound, volume / pre-operative volume (Volume_Norm), copied from
 * shared/data/rat-liver-volume/rat-liver-volume.csv (Barnhart et al., Vadigepalli lab; public
 * repository Daniel-Baugh-Institute/LiverVolumeSimulations, commit 8d5163f5). A test checks the
 * copy against the CSV. The five complete animals (BCH27-BCHF31) are the ones the bars of
 * design/model.md are measured on; BCHF32 stops at 24 h.
 */

export interface RatAnimal {
  readonly id: string;
  readonly sex: "Male" | "Female";
  /** [hours after surgery, volume / pre-operative] */
  readonly points: readonly (readonly [number, number])[];
}

export const RAT_CHOW: readonly RatAnimal[] = [
  {
    id: "BCH27",
    sex: "Male",
    points: [
      [0.3, 0.327803552],
      [10, 0.381740646],
      [24, 0.430817423],
      [48, 0.519148729],
      [72, 0.652665789],
      [168, 0.968466254],
    ],
  },
  {
    id: "BCH28",
    sex: "Male",
    points: [
      [0.3, 0.30691711],
      [10, 0.416293428],
      [24, 0.492137158],
      [48, 0.776863188],
      [72, 0.906801763],
      [168, 0.950987376],
    ],
  },
  {
    id: "BCH29",
    sex: "Male",
    points: [
      [0.3, 0.245691043],
      [10, 0.443598743],
      [24, 0.44248094],
      [48, 0.572385778],
      [72, 0.91854861],
      [168, 0.89618967],
    ],
  },
  {
    id: "BCHF30",
    sex: "Female",
    points: [
      [0.3, 0.318019293],
      [10, 0.33606938],
      [24, 0.411171259],
      [48, 0.596939478],
      [72, 0.791108322],
      [168, 0.945534838],
    ],
  },
  {
    id: "BCHF31",
    sex: "Female",
    points: [
      [0.3, 0.308465272],
      [10, 0.46703943],
      [24, 0.553253681],
      [48, 0.722018695],
      [72, 0.635588956],
      [168, 1.055759751],
    ],
  },
  {
    id: "BCHF32",
    sex: "Female",
    points: [
      [0.3, 0.298991037],
      [10, 0.396863949],
      [24, 0.638250589],
    ],
  },
];

/** The five complete animals (0.3-168 h). */
export const COMPLETE = ["BCH27", "BCH28", "BCH29", "BCHF30", "BCHF31"] as const;

export const DATA_TIMES = [0.3, 10, 24, 48, 72, 168] as const;
