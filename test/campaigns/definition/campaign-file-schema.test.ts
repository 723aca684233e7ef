import { describe, expect, it } from "vitest";
import { parseCampaignText } from "../../../src/campaigns/definition/load-campaign-file.ts";
import { AppError, ErrorCode } from "../../../src/lib/errors.ts";

const VALID = `
id: test-campaign
title: { zh: 测试行动, en: Test campaign }
summary: { zh: 说明, en: Summary }
sourceClause: 5月底前，要将隐患整治情况上报市政府安委会办公室。
targets:
  groups: [all-counties]
tasks:
  - key: ack
    kind: acknowledge
    title: { zh: 确认收到, en: Acknowledge }
    due: launch+1d
  - key: report
    kind: report
    title: { zh: 上报, en: Report }
    opens: "05-01"
    due: "05-31"
`;

/** The same file with one task list swapped in. */
function withTasks(tasks: string): string {
  return VALID.slice(0, VALID.indexOf("tasks:")) + `tasks:\n${tasks}`;
}

function errorOf(text: string, name = "fire.yaml"): AppError {
  try {
    parseCampaignText(text, name);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the file to be refused");
}

describe("ZCampaignFile via parseCampaignText", () => {
  it("accepts a valid file and fills the defaults: version 1, opens at launch, no explicit departments", () => {
    const file = parseCampaignText(VALID, "test.yaml");
    expect(file.version).toBe(1);
    expect(file.targets).toEqual({ groups: ["all-counties"], departments: [], except: [] });
    expect(file.tasks[0]).toMatchObject({ key: "ack", opens: "launch", due: "launch+1d" });
    expect(file.reminders).toBeUndefined();
  });

  it("keeps moments as written, so a stored definition parses again to the same value", () => {
    const file = parseCampaignText(VALID, "test.yaml");
    expect(parseCampaignText(JSON.stringify(file), "stored.json")).toEqual(file);
  });

  it("names the file, the task and the field of a duplicate task key", () => {
    const e = errorOf(
      withTasks(`
  - { key: ack, kind: acknowledge, title: { zh: 甲, en: A }, due: launch+1d }
  - { key: ack, kind: acknowledge, title: { zh: 乙, en: B }, due: launch+2d }`),
    );
    expect(e.code).toBe(ErrorCode.FileInvalid);
    expect(e.userMessage.en).toContain('fire.yaml: tasks[1].key: 任务 key "ack" 与 tasks[0] 重复 / task key "ack" repeats tasks[0]');
    expect(e.userMessage.zh).toContain("未导入任何内容");
  });

  it("refuses a pledge task without a pledge text, naming the task", () => {
    const e = errorOf(withTasks(`  - { key: sign, kind: pledge, title: { zh: 承诺, en: Pledge }, due: launch+7d }`));
    expect(e.userMessage.en).toContain('fire.yaml: tasks[0].pledge: 承诺任务 "sign" 需要承诺书');
  });

  it("refuses a pledge text on a task that is not a pledge", () => {
    const e = errorOf(
      withTasks(
        `  - { key: ack, kind: acknowledge, title: { zh: 甲, en: A }, due: launch+1d, pledge: { version: 1, text: { zh: 承诺, en: I pledge } } }`,
      ),
    );
    expect(e.userMessage.en).toContain("tasks[0].pledge: 只有 kind: pledge 的任务才能有承诺书");
  });

  it("refuses a pledge version below 1 and an empty pledge text", () => {
    const e = errorOf(
      withTasks(
        `  - { key: p, kind: pledge, title: { zh: 承诺, en: P }, due: launch+7d, pledge: { version: 0, text: { zh: " ", en: x } } }`,
      ),
    );
    expect(e.userMessage.en).toContain("tasks[0].pledge.text.zh: 不能为空");
    expect(e.userMessage.en).toContain("tasks[0].pledge.version: 承诺书版本号从 1 开始");
  });

  it.each([
    ["launch+7d", "launch+3d"],
    ["launch+2d", "launch+2d"],
    ["2026-06-01", "2026-05-31"],
    ["2026-06-30", "2026-04-15"],
    ["2026-05-31T18:00", "2026-05-31T09:00"],
  ])("refuses a task that opens %s and is due %s", (opens, due) => {
    const e = errorOf(withTasks(`  - { key: r, kind: report, title: { zh: 报, en: R }, opens: "${opens}", due: "${due}" }`));
    expect(e.userMessage.en).toContain(`fire.yaml: tasks[0].due: 任务 "r" 的截止时间 ${due} 早于或等于开始时间 ${opens}`);
  });

  it("accepts a yearless window across the new year (it opens the last 11-01 before it is due) and a day left open", () => {
    const file = parseCampaignText(
      withTasks(
        `  - { key: r, kind: report, title: { zh: 报, en: R }, opens: "11-01", due: "02-28" }\n  - { key: s, kind: report, title: { zh: 报, en: S }, due: ask }`,
      ),
      "x.yaml",
    );
    expect(file.tasks.map((t) => [t.opens, t.due])).toEqual([
      ["11-01", "02-28"],
      ["launch", "ask"],
    ]);
  });

  it("accepts a whole day that opens and is due on the same day (due at its end)", () => {
    const file = parseCampaignText(
      withTasks(`  - { key: r, kind: report, title: { zh: 报, en: R }, opens: "2026-05-31", due: "2026-05-31" }`),
      "x.yaml",
    );
    expect(file.tasks[0]!.due).toBe("2026-05-31");
  });

  it("names a moment that is none of the allowed forms", () => {
    const e = errorOf(withTasks(`  - { key: r, kind: report, title: { zh: 报, en: R }, due: "next friday" }`));
    expect(e.userMessage.en).toContain("fire.yaml: tasks[0].due: 应为 launch、launch+7d、2026-05-31、05-31、2026-05-31T17:00 或 ask（发起时填写）");
  });

  it("refuses an unknown task kind, a bad key and an unknown field, each by path", () => {
    const e = errorOf(withTasks(`  - { key: "Bad Key", kind: inspect, title: { zh: 报, en: R }, due: launch+1d, deadline: x }`));
    expect(e.userMessage.en).toContain("fire.yaml: tasks[0].key: 只能用小写字母");
    expect(e.userMessage.en).toContain(
      'fire.yaml: tasks[0].kind: Invalid option: expected one of "acknowledge"|"report"|"education-session"|"pledge"',
    );
    expect(e.userMessage.en).toContain('fire.yaml: tasks[0]: Unrecognized key: "deadline"');
  });

  it("refuses targets with neither groups nor departments, and an unknown group", () => {
    expect(errorOf(VALID.replace("groups: [all-counties]", "groups: []")).userMessage.en).toContain(
      "fire.yaml: targets: 至少需要一个目标单位或分组",
    );
    expect(errorOf(VALID.replace("groups: [all-counties]", "groups: [everyone]")).userMessage.en).toContain(
      "fire.yaml: targets.groups[0]:",
    );
  });

  it("validates reminder overrides with the reminder settings' own rules", () => {
    const e = errorOf(`${VALID}\nreminders: { offsetsDays: [-3, 2], at: "20:00" }\n`);
    expect(e.userMessage.en).toContain("fire.yaml: reminders.offsetsDays[1]: 提醒只能在截止日当天或之前");
    const typo = errorOf(`${VALID}\nreminders: { ofsetDays: [-3] }\n`);
    expect(typo.userMessage.en).toContain("fire.yaml: reminders");
    expect(typo.userMessage.en).toContain("ofsetDays");
  });

  it("accepts a reminder override and keeps it", () => {
    const file = parseCampaignText(`${VALID}\nreminders: { offsetsDays: [-7, -1, 0] }\n`, "x.yaml");
    expect(file.reminders?.offsetsDays).toEqual([-7, -1, 0]);
    expect(file.reminders?.at).toBe("09:00");
  });

  it("refuses a title too long for a Slack header", () => {
    const e = errorOf(VALID.replace("title: { zh: 测试行动, en: Test campaign }", `title: { zh: "${"长".repeat(101)}", en: T }`));
    expect(e.userMessage.en).toContain("fire.yaml: title.zh: 不能超过 100 个字符");
  });

  it("refuses a file with no tasks and reports invalid YAML with its line", () => {
    expect(errorOf(withTasks("  []").replace("tasks:\n  []", "tasks: []")).userMessage.en).toContain("fire.yaml: tasks: 至少需要一项任务");
    expect(errorOf("id: x\ntitle: [unclosed\n").userMessage.en).toMatch(/^fire\.yaml \(line \d+\) is not valid YAML/);
  });
});

describe("a task's short title (the digest picture's column name)", () => {
  it("is kept as written, Chinese folding joined; a file without one parses as before", () => {
    const file = parseCampaignText(
      withTasks(`
  - key: ack
    kind: acknowledge
    title: { zh: 确认收到, en: Acknowledge }
    short: { zh: "确认 收到", en: Acknowledged }
    due: launch+1d`),
      "test.yaml",
    );
    expect(file.tasks[0]!.short).toEqual({ zh: "确认收到", en: "Acknowledged" });
    expect(parseCampaignText(VALID, "test.yaml").tasks[0]!.short).toBeUndefined();
  });

  it("longer than the column holds is refused in both languages, naming the task, with the file's other problems", () => {
    const e = errorOf(
      withTasks(`
  - key: sign
    kind: acknowledge
    title: { zh: 签署, en: Sign }
    short: { zh: 法人代表或主要负责人签署消防承诺书, en: Pledge signed by the legal representative }
    due: launch+1d
  - key: ack
    kind: acknowledge
    title: { zh: 收到, en: Ack }
    due: sometime`),
    );
    expect(e.code).toBe(ErrorCode.FileInvalid);
    const message = e.userMessage.zh;
    expect(message).toContain('fire.yaml: tasks[0].short.zh: 任务 "sign" 的短标题“法人代表或主要负责人签署消防承诺书”超过 14 个字符（周报图中的列名）');
    expect(message).toContain(
      'fire.yaml: tasks[0].short.en: 任务 "sign" 的短标题“Pledge signed by the legal representative”超过 24 个字符（周报图中的列名）/ task "sign": short title "Pledge signed by the legal representative" is longer than 24 characters (it names the task\'s column in the digest picture)',
    );
    expect(message).toContain("fire.yaml: tasks[1].due: 应为");
  });

  it("needs both languages, and neither empty", () => {
    const e = errorOf(
      withTasks(`
  - { key: ack, kind: acknowledge, title: { zh: 收到, en: Ack }, short: { zh: "  " }, due: launch+1d }`),
    );
    expect(e.userMessage.zh).toContain("fire.yaml: tasks[0].short.zh: 不能为空 / must not be empty");
    expect(e.userMessage.zh).toContain("fire.yaml: tasks[0].short.en:");
  });
});
