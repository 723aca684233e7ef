import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { importDirectory } from "../../src/directory/import-directory.ts";
import { ZImportFile } from "../../src/directory/import-file-schema.ts";
import { AppError } from "../../src/lib/errors.ts";
import { parseYamlText } from "../../src/lib/yaml-file.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";

const errorOf = async (run: () => unknown) => {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return { zh: (e as AppError).messageFor("zh"), en: (e as AppError).messageFor("en") };
  }
  throw new Error("expected a failure");
};

const GROUPS = `version: 1
supervisionGroups:
  - id: group-1
    nameZh: 第一督导组
    nameEn: Supervision Group 1
    members: [{ slackUserId: U0GROUPA, name: 张伟 }, { slackUserId: U0GROUPB, name: 李娜 }]
    counties: [weihui, huixian]
`;

describe.each(dbKinds())("supervision groups in the directory file (%s database)", (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => db?.close());

  const groupRows = () =>
    db.prisma.supervisionGroup.findMany({
      orderBy: { id: "asc" },
      include: { members: { orderBy: { slackUserId: "asc" } }, counties: { orderBy: { departmentId: "asc" } } },
    });

  it("refuses a group id given twice, a member or county listed twice, a bad user id and an empty group, naming each", async () => {
    const e = await errorOf(() =>
      parseYamlText(
        `version: 1
supervisionGroups:
  - id: group-1
    nameZh: 第一督导组
    nameEn: Group 1
    members: [{ slackUserId: U0GROUPA, name: 张伟 }, { slackUserId: U0GROUPA, name: 张伟 }]
    counties: [weihui, weihui]
  - id: group-1
    nameZh: 第二督导组
    nameEn: Group 2
    members: [{ slackUserId: zhangwei, name: 张伟 }]
    counties: []
`,
        "groups.yaml",
        ZImportFile,
      ),
    );
    expect(e.zh).toContain('groups.yaml: supervisionGroups[1] (id "group-1").id: duplicate id "group-1", also supervisionGroups[0]');
    expect(e.zh).toContain(
      'supervisionGroups[0] (id "group-1").members[1].slackUserId: U0GROUPA is listed twice (also members[0]) / 成员重复',
    );
    expect(e.zh).toContain('supervisionGroups[0] (id "group-1").counties[1]: weihui is listed twice (also counties[0]) / 县（市、区）重复');
    expect(e.zh).toContain('supervisionGroups[1] (id "group-1").members[0].slackUserId: must be a Slack user id');
    expect(e.zh).toContain('supervisionGroups[1] (id "group-1").counties: needs at least one county');
    expect(e.zh).toMatch(/^文件有误，未导入任何内容/);
    expect(e.en).toMatch(/^The file has errors; nothing was imported/);
  });

  it("refuses a county that is not in the directory or is not a county/district, and writes nothing of the file", async () => {
    const departmentsBefore = await db.prisma.department.count();
    for (const [county, zh, en] of [
      ["atlantis", '未知单位 "atlantis"', 'unknown unit "atlantis"'],
      [
        "culture",
        '"culture" 不是县（市、区），督导组只督导县（市、区）',
        '"culture" is not a county or district (a group inspects counties and districts)',
      ],
    ] as const) {
      const file = parseYamlText(
        `version: 1
departments:
  - { id: new-county, nameZh: 新区, nameEn: New District, kind: county_district }
supervisionGroups:
  - id: group-9
    nameZh: 第九督导组
    nameEn: Group 9
    members: [{ slackUserId: U0GROUPA, name: 张伟 }]
    counties: [new-county, ${county}]
`,
        "groups.yaml",
        ZImportFile,
      );
      const e = await errorOf(() => importDirectory(db.prisma, file, "groups.yaml"));
      expect(e.zh).toContain(`groups.yaml: supervisionGroups[0] (id "group-9").counties[1]: ${zh}，未导入任何内容。`);
      expect(e.en).toContain(`${en}; nothing was imported.`);
    }
    // The department the same file added is rolled back with it.
    expect(await db.prisma.department.count()).toBe(departmentsBefore);
    expect(await db.prisma.supervisionGroup.count()).toBe(0);
  });

  it("imports a group with its members and counties (a county the same file adds counts); the same file again writes nothing", async () => {
    const summary = await importDirectory(db.prisma, parseYamlText(GROUPS, "groups.yaml", ZImportFile), "groups.yaml", {
      actor: "cli:office",
    });
    expect(summary).toMatchObject({ departments: 0, groups: 1, groupChanges: 1 });
    const [g] = await groupRows();
    expect(g).toMatchObject({ id: "group-1", nameZh: "第一督导组", nameEn: "Supervision Group 1" });
    expect(g!.members.map((m) => `${m.slackUserId} ${m.name}`)).toEqual(["U0GROUPA 张伟", "U0GROUPB 李娜"]);
    expect(g!.counties.map((c) => c.departmentId)).toEqual(["huixian", "weihui"]);
    const audit = await db.prisma.auditEntry.findMany({ where: { action: "group.import" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "cli:office", subject: "group:group-1", outcome: "ok" });
    expect(audit[0]!.detail).toMatchObject({ file: "groups.yaml", before: null, after: { counties: ["huixian", "weihui"] } });

    const again = await importDirectory(db.prisma, parseYamlText(GROUPS, "groups.yaml", ZImportFile), "groups.yaml", {
      actor: "cli:office",
    });
    expect(again).toMatchObject({ groups: 1, groupChanges: 0 });
    expect(await db.prisma.auditEntry.count({ where: { action: "group.import" } })).toBe(1);
    expect(await db.prisma.supervisionGroup.findUniqueOrThrow({ where: { id: "group-1" } })).toMatchObject({ updatedAt: g!.updatedAt });
  });

  it("replaces a group's members and counties with the file's, audits before and after, and keeps groups the file does not name", async () => {
    await db.prisma.supervisionGroup.create({
      data: {
        id: "made-in-slack",
        nameZh: "临时督导组",
        nameEn: "Ad hoc group",
        members: { create: { slackUserId: "U0ADHOC", name: "王强" } },
      },
    });
    const changed = GROUPS.replace("{ slackUserId: U0GROUPB, name: 李娜 }", "{ slackUserId: U0GROUPC, name: 赵敏 }").replace(
      "counties: [weihui, huixian]",
      "counties: [changyuan]",
    );
    const summary = await importDirectory(db.prisma, parseYamlText(changed, "groups-v2.yaml", ZImportFile), "groups-v2.yaml", {
      actor: "cli:office",
    });
    expect(summary).toMatchObject({ groups: 1, groupChanges: 1 });
    const rows = await groupRows();
    expect(rows.map((g) => g.id)).toEqual(["group-1", "made-in-slack"]);
    expect(rows[0]!.members.map((m) => m.slackUserId)).toEqual(["U0GROUPA", "U0GROUPC"]);
    expect(rows[0]!.counties.map((c) => c.departmentId)).toEqual(["changyuan"]);
    expect(rows[1]!.members.map((m) => m.name)).toEqual(["王强"]);
    const last = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: "group.import" }, orderBy: { id: "desc" } });
    expect(last.detail).toMatchObject({
      file: "groups-v2.yaml",
      before: { members: [{ slackUserId: "U0GROUPA" }, { slackUserId: "U0GROUPB" }], counties: ["huixian", "weihui"] },
      after: { members: [{ slackUserId: "U0GROUPA" }, { slackUserId: "U0GROUPC" }], counties: ["changyuan"] },
    });
  });
});
