#!/usr/bin/env node
// `npx redline …`: the compiled CLI (dist/) when it is built from the current sources, else the TypeScript
// through tsx's loader (no build step). This file is copied to dist/cli/, where main.js sits next to it.
import { existsSync } from "node:fs";

if (existsSync(new URL("./main.js", import.meta.url))) {
  await import("./main.js");
} else {
  const { isBuildFresh } = await import("../../tools/build.mjs");
  if (isBuildFresh()) {
    await import("../../dist/cli/main.js");
  } else {
    const { register } = await import("tsx/esm/api");
    register();
    await import("./main.ts");
  }
}
