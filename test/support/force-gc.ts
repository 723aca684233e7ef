import v8 from "node:v8";
import vm from "node:vm";

/** A full garbage collection now, without starting node with --expose-gc: for memory figures taken before and after. */
export const forceGc: () => void = (() => {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
})();
