import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { checkImportLayers } from "./import-layers.ts";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

describe("the import layers of src/", () => {
  it("has no import pointing up, sideways between edges, or round a loop of services", () => {
    expect(checkImportLayers(SRC).map((v) => `${v.from} → ${v.to}: ${v.reason}`)).toEqual([]);
  });
});

describe("checkImportLayers", () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const tree = (files: Record<string, string>) => {
    root = mkdtempSync(path.join(tmpdir(), "layers-"));
    for (const [file, text] of Object.entries(files)) write(file, text);
    return checkImportLayers(root);
  };

  it("accepts imports that point down and within a folder", () => {
    expect(
      tree({
        "slack/app.ts": 'import { launch } from "../campaigns/launch.ts";\nimport { b } from "../messages/b.ts";',
        "campaigns/launch.ts":
          'import { post } from "../delivery/post.ts";\nimport { rule } from "../domain/rule.ts";\nimport "./keys.ts";',
        "campaigns/keys.ts": "",
        "delivery/post.ts": 'import { b } from "../messages/b.ts";',
        "messages/b.ts": 'import type { Row } from "../generated/prisma/client.ts";\nimport { rule } from "../domain/rule.ts";',
        "domain/rule.ts": 'import { t } from "../lib/i18n.ts";',
        "lib/i18n.ts": "",
        "generated/prisma/client.ts": "",
      }),
    ).toEqual([]);
  });

  it("fails a builder that imports from the Slack edge, and names both files", () => {
    const violations = tree({
      "messages/launch-message.ts": 'import { replyWithError } from "../slack/reply-error.ts";',
      "slack/reply-error.ts": "",
    });
    expect(violations).toEqual([
      {
        from: "messages/launch-message.ts",
        to: "slack/reply-error.ts",
        typeOnly: false,
        reason: "messages (messages) imports up into edge (slack)",
      },
    ]);
  });

  it("counts type-only, re-exported and dynamic imports too", () => {
    const violations = tree({
      "domain/a.ts": 'import type { X } from "../campaigns/x.ts";\nexport { y } from "../delivery/y.ts";\nawait import("../slack/z.ts");',
      "campaigns/x.ts": "",
      "delivery/y.ts": "",
      "slack/z.ts": "",
    });
    expect(violations.map((v) => v.to)).toEqual(["campaigns/x.ts", "delivery/y.ts", "slack/z.ts"]);
  });

  it("lets the domain and builders take only types from the generated client", () => {
    const violations = tree({
      "domain/a.ts": 'import { PrismaClient } from "../generated/prisma/client.ts";',
      "generated/prisma/client.ts": "",
    });
    expect(violations.map((v) => v.reason)).toEqual(["domain may import only types from generated"]);
  });

  it("fails two edges importing each other and two services in a loop", () => {
    const violations = tree({
      "slack/a.ts": 'import "../scheduler/b.ts";',
      "scheduler/b.ts": "",
      "campaigns/a.ts": 'import "../meetings/b.ts";',
      "meetings/b.ts": 'import "../digest/c.ts";',
      "digest/c.ts": 'import "../campaigns/a.ts";',
    });
    expect(violations.map((v) => v.reason).sort()).toEqual([
      "campaigns → meetings closes a loop back to campaigns; peers may depend on each other one way only",
      "digest → campaigns closes a loop back to digest; peers may depend on each other one way only",
      "meetings → digest closes a loop back to meetings; peers may depend on each other one way only",
      "slack and scheduler are both edge; neither may import the other",
    ]);
  });

  it("fails a folder that is in no layer", () => {
    expect(tree({ "widgets/a.ts": 'import "../lib/b.ts";', "lib/b.ts": "" }).map((v) => v.reason)).toEqual([
      'folder "src/widgets" is in no layer; place it in LAYERS (test/architecture/import-layers.ts)',
    ]);
  });
});
