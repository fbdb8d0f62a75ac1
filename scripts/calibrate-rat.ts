/**
 * npm run calibrate:rat: fit the il6-liver regeneration module to the rat liver volumes
 * (chow controls; pooled and per animal), then write the report (docs/models/rat-calibration.md)
 * and the fitted values checked into the rat parameter set
 * (src/models/il6-liver/parameters/rat-fitted.ts). Takes a few minutes (profile likelihoods).
 * Options: --starts N (default 4), --no-profiles (Wald intervals only, faster).
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { calibrateRat } from "../src/models/il6-liver/calibration/fit.js";
import { calibrationReport, fittedModule } from "../src/models/il6-liver/calibration/report.js";
import { il6Liver } from "../src/models/il6-liver/index.js";

const args = process.argv.slice(2);
const startsAt = args.indexOf("--starts");
const starts = startsAt >= 0 ? Number(args[startsAt + 1]) : 4;
const t0 = Date.now();
const result = calibrateRat(il6Liver, {
  starts,
  profiles: !args.includes("--no-profiles"),
  onProgress: (m) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${m}\n`),
});
const report = resolve(process.cwd(), "docs/models/rat-calibration.md");
const values = resolve(process.cwd(), "src/models/il6-liver/parameters/rat-fitted.ts");
writeFileSync(report, calibrationReport(result));
writeFileSync(values, fittedModule(result));
process.stdout.write(
  `RMSE (10-168 h): pooled ${result.rmse.pooled.toFixed(4)} (per-time mean ${result.rmse.perTimeMean.toFixed(4)}), per animal ${result.rmse.perAnimal.toFixed(4)} (per-animal logistic ${result.rmse.perAnimalLogistic.toFixed(4)})\nwrote ${report}\nwrote ${values}\n`,
);
