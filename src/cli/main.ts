/** Entry point of `il6sim` (bin/il6sim.js imports the compiled file). */
import { main } from "./program.js";

process.exitCode = await main(process.argv);
