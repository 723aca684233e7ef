import { describe, expect, it } from "vitest";
import type { DirectoryDepartment } from "../../../src/domain/meetings/definition/department-selection.ts";
import { resolveSelection } from "../../../src/domain/meetings/definition/department-selection.ts";
import { planMeeting, type MeetingDraft } from "../../../src/domain/meetings/plan-meeting.ts";
import { local } from "./factories.ts";

const dept = (id: string, kind: DirectoryDepartment["kind"], extra: Partial<DirectoryDepartment> = {}): DirectoryDepartment => ({
  id,
  nameZh: `${id}部门`,
  nameEn: `${id} dept`,
  kind,
  slackChannelId: `C${id.toUpperCase().replace(/-/g, "")}`,
  headSlackUserId: `U${id.toUpperCase().replace(/-/g, "")}`,
  headName: `${id}head`,
  headTitle: "局长",
  ...extra,
});

const directory = [
  dept("office", "office"),
  dept("civil", "department"),
  dept("culture", "department", { headSlackUserId: null, headName: null, headTitle: null }),
  dept("weihui", "county_district"),
  dept("uni", "university"),
];

const draft = (over: Partial<MeetingDraft> = {}): MeetingDraft => ({
  title: "全市安全生产工作电视电话会议",
  startsAt: local("2026-05-29 15:00"),
  opensMinutesBefore: 60,
  closesMinutesAfter: 30,
  departments: { groups: ["all-departments"], ids: ["weihui"], except: [] },
  headMustAttend: true,
  briefingDueWorkingDays: 2,
  ...over,
});

const now = local("2026-05-25 09:00");

describe("resolveSelection", () => {
  it("takes groups and ids minus exceptions, never the office through a group", () => {
    const r = resolveSelection({ groups: ["all"], ids: [], except: ["uni"] }, directory);
    expect(r.ok && r.departments.map((d) => d.id)).toEqual(["civil", "culture", "weihui"]);
  });

  it("reports unknown ids instead of dropping them", () => {
    expect(resolveSelection({ groups: [], ids: ["civil", "police"], except: ["nowhere"] }, directory)).toEqual({
      ok: false,
      unknown: ["police", "nowhere"],
    });
  });
});

describe("planMeeting", () => {
  it("computes the sign-in window and snapshots the required departments", () => {
    const r = planMeeting(draft(), directory, now);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.signInOpensAt).toEqual(local("2026-05-29 14:00"));
    expect(r.plan.signInClosesAt).toEqual(local("2026-05-29 15:30"));
    expect(r.plan.departments.map((d) => d.id)).toEqual(["civil", "culture", "weihui"]);
    expect(r.plan.warnings[0]?.zh).toContain("culture部门");
  });

  it("refuses a meeting whose sign-in has already closed, naming the time", () => {
    const r = planMeeting(draft({ startsAt: local("2026-05-25 08:00") }), directory, now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { field: "startsAt", message: expect.objectContaining({ zh: expect.stringContaining("2026年5月25日 08:30") }) },
    ]);
  });

  it("refuses departments without a Slack channel, by name, and unknown ones", () => {
    const noChannel = [...directory.slice(0, 4), dept("uni", "university", { slackChannelId: null })];
    const r = planMeeting(draft({ departments: { groups: ["all-universities"], ids: ["police"], except: [] } }), noChannel, now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(["departments"]);
    expect(r.problems[0]!.message.zh).toContain("police");
    const r2 = planMeeting(draft({ departments: { groups: ["all-universities"], ids: [], except: [] } }), noChannel, now);
    expect(!r2.ok && r2.problems[0]!.message.zh).toContain("尚未登记 Slack 频道，无法接收通知和签到：uni部门");
  });

  it("refuses an empty title, an empty window and an empty selection together", () => {
    const r = planMeeting(
      draft({ title: "  ", opensMinutesBefore: 0, closesMinutesAfter: 0, departments: { groups: [], ids: [], except: [] } }),
      directory,
      now,
    );
    expect(!r.ok && r.problems.map((p) => p.field).sort()).toEqual(["departments", "signIn", "title"]);
  });
});
