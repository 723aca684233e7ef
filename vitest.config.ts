import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ["test/support/global-setup.ts"],
    // Database suites each open their own embedded database; two workers suit this 2-core machine.
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default"],
  },
});
