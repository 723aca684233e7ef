import { describe, expect, it } from "vitest";
import { ZCampaignFile, type TCampaignFileInput } from "../../../src/campaigns/definition/campaign-file-schema.ts";
import { campaignDepartmentProblems } from "../../../src/campaigns/definition/check-campaign-departments.ts";
import { resolveCampaign } from "../../../src/campaigns/definition/resolve-campaign.ts";
import { DEFAULT_REMINDER_SETTINGS } from "../../../src/domain/reminders/settings.ts";
import { AppError, ErrorCode } from "../../../src/lib/errors.ts";
import { DIRECTORY } from "./factories.ts";

const ZONE = "Asia/Shanghai";
const bj = (local: string) => new Date(`${local}+08:00`);
const LAUNCH = bj("2026-05-27T10:30");

function file(overrides: Partial<TCampaignFileInput> = {}) {
  return ZCampaignFile.parse({
    id: "fire",
    title: { zh: "行动", en: "Campaign" },
    summary: { zh: "说明", en: "Summary" },
    sourceClause: "原文",
    targets: { groups: ["all"] },
    tasks: [
      { key: "ack", kind: "acknowledge", title: { zh: "收到", en: "Ack" }, due: "launch+1d" },
      { key: "edu", kind: "education-session", title: { zh: "教育", en: "Education" }, opens: "launch", due: "launch+7d" },
      { key: "report", kind: "report", title: { zh: "报告", en: "Report" }, due: "05-31" },
      {
        key: "pledge",
        kind: "pledge",
        title: { zh: "承诺", en: "Pledge" },
        opens: "2026-05-28T09:00",
        due: "2026-06-05",
        pledge: { version: 2, text: { zh: "本人承诺", en: "I pledge" } },
      },
    ],
    ...overrides,
  });
}

const resolve = (f = file(), launchAt = LAUNCH, dates?: Record<string, string>) =>
  resolveCampaign(f, { launchAt, zone: ZONE, departments: DIRECTORY, dates });

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("resolveCampaign", () => {
  it("turns every task's window into instants on the office's calendar", () => {
    const c = resolve();
    expect(c.tasks.map((t) => [t.key, t.opensAt.toISOString(), t.dueAt.toISOString(), t.schedule])).toEqual([
      ["ack", LAUNCH.toISOString(), bj("2026-05-28T10:30").toISOString(), "deadline"],
      ["edu", LAUNCH.toISOString(), bj("2026-06-03T10:30").toISOString(), "window"],
      ["report", LAUNCH.toISOString(), bj("2026-06-01T00:00").toISOString(), "deadline"],
      ["pledge", bj("2026-05-28T09:00").toISOString(), bj("2026-06-06T00:00").toISOString(), "deadline"],
    ]);
    expect(c.tasks[3]!.pledge).toEqual({ version: 2, text: { zh: "本人承诺", en: "I pledge" } });
    expect(c.tasks[0]!.pledge).toBeNull();
  });

  it("targets every department, county and university in directory order, never the office", () => {
    expect(resolve().targets.map((d) => d.id)).toEqual(["civil-affairs", "hongqi", "universities", "education", "weihui"]);
  });

  const cases: [TCampaignFileInput["targets"], string[]][] = [
    [{ groups: ["all-counties"] }, ["hongqi", "weihui"]],
    [{ groups: ["all-departments"] }, ["civil-affairs", "education"]],
    [{ groups: ["all-universities"], departments: ["weihui"] }, ["universities", "weihui"]],
    [{ groups: ["all-counties"], departments: ["hongqi"] }, ["hongqi", "weihui"]],
    [{ groups: ["all"], except: ["universities", "hongqi"] }, ["civil-affairs", "education", "weihui"]],
    [{ departments: ["education", "civil-affairs"] }, ["civil-affairs", "education"]],
  ];
  it.each(cases)("resolves targets %j", (targets, ids) => {
    expect(resolve(file({ targets })).targets.map((d) => d.id)).toEqual(ids);
  });

  it("returns the caller's own directory objects, so rows pass through unchanged", () => {
    const c = resolve();
    expect(c.targets[0]).toBe(DIRECTORY[1]);
  });

  it("refuses unknown department ids, naming the file and the field", () => {
    const e = refusal(() =>
      resolveCampaign(file({ targets: { departments: ["civil-affairs", "nope"], except: ["gone"] } }), {
        launchAt: LAUNCH,
        zone: ZONE,
        departments: DIRECTORY,
        fileName: "fire.yaml",
      }),
    );
    expect(e.code).toBe(ErrorCode.FileInvalid);
    expect(e.userMessage.en).toContain('fire.yaml: targets.departments[1]: 未知单位 id "nope" / unknown department id "nope"');
    expect(e.userMessage.en).toContain('fire.yaml: targets.except[0]: 未知单位 id "gone"');
    expect(e.userMessage.en).toContain("known: civil-affairs, hongqi, universities, education, weihui");
    expect(e.userMessage.zh).toContain("未发起");
  });

  it("refuses the safety office as a target of its own campaign", () => {
    const e = refusal(() => resolve(file({ targets: { departments: ["safety-office"] } })));
    expect(e.userMessage.en).toContain('fire.yaml: targets.departments[0]: "safety-office" 是安委办自身，不能作为行动对象');
  });

  it("refuses targets that leave nobody", () => {
    expect(campaignDepartmentProblems(file({ targets: { groups: ["all-counties"], except: ["hongqi", "weihui"] } }), DIRECTORY)).toEqual([
      { path: "targets", message: "按当前名录，目标单位为空 / with the current directory the targets name no department" },
    ]);
  });

  it("puts a yearless deadline already past this year in next year, and its yearless opening before it", () => {
    const f = file({ tasks: [{ key: "r", kind: "report", title: { zh: "报", en: "R" }, opens: "04-15", due: "06-30" }] });
    const july = resolve(f, bj("2026-07-02T09:00")).tasks[0]!;
    expect([july.opensAt, july.dueAt]).toEqual([bj("2027-04-15T00:00"), bj("2027-07-01T00:00")]);
    // Launched inside the window: it is open already, and due this year.
    const may = resolve(f, bj("2026-05-02T09:00")).tasks[0]!;
    expect([may.opensAt, may.dueAt]).toEqual([bj("2026-04-15T00:00"), bj("2026-07-01T00:00")]);
    // Across the new year: 11-01 … 02-28 launched in December opens the November before.
    const winter = file({ tasks: [{ key: "w", kind: "report", title: { zh: "冬", en: "W" }, opens: "11-01", due: "02-28" }] });
    const dec = resolve(winter, bj("2026-12-10T09:00")).tasks[0]!;
    expect([dec.opensAt, dec.dueAt]).toEqual([bj("2026-11-01T00:00"), bj("2027-03-01T00:00")]);
  });

  it("refuses a launch after a dated deadline has passed, saying which day to give instead", () => {
    const f = file({ tasks: [{ key: "r", kind: "report", title: { zh: "报", en: "R" }, due: "2026-05-31" }] });
    const e = refusal(() => resolve(f, bj("2026-06-02T09:00")));
    expect(e.code).toBe("outside_window");
    expect(e.userMessage.zh).toContain("截止日期已过，未发起：\nfire.yaml: tasks[0].due: “报”的截止时间 2026-05-31 已过（--date r=YYYY-MM-DD 可另给日期）");
    expect(resolve(f, bj("2026-06-02T09:00"), { r: "2026-06-15" }).tasks[0]!.dueAt).toEqual(bj("2026-06-16T00:00"));
  });

  it("refuses a mixed window that ends before it opens once the launch date is known", () => {
    const f = file({ tasks: [{ key: "r", kind: "report", title: { zh: "报", en: "R" }, opens: "launch+10d", due: "05-31" }] });
    expect(refusal(() => resolve(f)).userMessage.en).toContain('tasks[0].due: 任务 "r" 截止时间早于或等于开始时间');
  });

  it("takes a yearless 02-29 as the next one there is", () => {
    const f = file({ tasks: [{ key: "r", kind: "report", title: { zh: "报", en: "R" }, due: "02-29" }] });
    expect(resolve(f, bj("2026-01-05T09:00")).tasks[0]!.dueAt).toEqual(bj("2028-03-01T00:00"));
    expect(resolve(f, bj("2028-01-05T09:00")).tasks[0]!.dueAt).toEqual(bj("2028-03-01T00:00"));
  });

  it("uses the default reminder settings unless the file overrides them", () => {
    expect(resolve().reminders).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(resolve(file({ reminders: { offsetsDays: [-7, 0] } })).reminders).toMatchObject({
      offsetsDays: [-7, 0],
      at: "09:00",
      escalateAfterWorkingDays: 2,
    });
  });

  it("is pure: the same inputs give the same campaign and the file is not changed", () => {
    const f = file();
    const before = structuredClone(f);
    expect(resolve(f)).toEqual(resolve(f));
    expect(f).toEqual(before);
  });
});
