import { describe, expect, it } from "vitest";
import { createAdapter } from "../../src/db/adapters.ts";
import { PGLITE_SHARED_BUFFERS } from "../../src/db/pglite-settings.ts";

describe("the embedded database's start parameters", () => {
  it("starts with small shared buffers and keeps PGlite's own parameters", async () => {
    const handle = await createAdapter("pglite:memory://");
    try {
      const show = async (name: string) => (await handle.pglite!.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name];
      expect(await show("shared_buffers")).toBe(PGLITE_SHARED_BUFFERS);
      // PGlite's defaults (a replaced list would lose them): public schema first, no parallel workers.
      expect(await show("search_path")).toBe("public");
      expect(await show("max_parallel_workers")).toBe("0");
    } finally {
      await handle.close();
    }
  });
});
