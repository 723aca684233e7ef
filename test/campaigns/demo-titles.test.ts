import { describe, expect, it } from "vitest";
import { ZImportFile } from "../../src/directory/import-file-schema.ts";
import { readYamlFile } from "../../src/lib/yaml-file.ts";
import { buildEscalationMessage } from "../../src/messages/campaigns/reminder-message.ts";
import { demoWorkspace } from "../../src/sandbox/demo-directory.ts";
import { bj, campaign, report, ZONE } from "../domain/campaigns/factories.ts";

/** The sandbox's made-up heads carry real titles: 红旗区 has a 区长, 新乡县 a 县长, 卫辉市 a 市长 (issue 13). */
describe("sandbox demo heads", () => {
  it("titles each county-level head after the unit, never 区（县、市）长", async () => {
    const file = await readYamlFile(new URL("../../prisma/seed/directory.yaml", import.meta.url).pathname, ZImportFile);
    const workspace = demoWorkspace(file.departments!.map(({ id, nameZh, nameEn, kind }) => ({ id, nameZh, nameEn, kind })));
    const heads = new Map(workspace.directory.departments!.map((d) => [d.nameZh, d.head]));
    expect(heads.get("红旗区")?.title).toBe("区长");
    expect(heads.get("新乡县")?.title).toBe("县长");
    expect(heads.get("卫辉市")?.title).toBe("市长");
    expect(heads.get("辉县市")?.title).toBe("市长");
    expect(workspace.users.map((u) => u.title).join("\n")).not.toContain("（县、市）");

    const hongqi = workspace.directory.departments!.find((d) => d.nameZh === "红旗区")!;
    const message = buildEscalationMessage({
      campaign,
      task: report,
      department: {
        id: hongqi.id,
        kind: hongqi.kind,
        nameZh: hongqi.nameZh,
        nameEn: hongqi.nameEn,
        headSlackUserId: hongqi.head!.slackUserId,
        headName: hongqi.head!.name ?? null,
        headTitle: hongqi.head!.title ?? null,
      },
      now: bj("2026-06-09T09:00"),
      zone: ZONE,
    });
    expect(message.text).toContain(`请主要负责人 <@${hongqi.head!.slackUserId}>（区长）督促本单位尽快完成。`);
  });
});
