import { DateTime } from "luxon";
import type { LeaveRecord, MeetingInfo, RequiredDepartment, SignInRecord } from "../../../src/domain/meetings/types.ts";

/** An instant given as Asia/Shanghai wall-clock time, "2024-05-28 14:00". */
export function local(text: string): Date {
  const t = DateTime.fromFormat(text, "yyyy-MM-dd HH:mm", { zone: "Asia/Shanghai" });
  if (!t.isValid) throw new Error(`bad local time ${text}`);
  return t.toJSDate();
}

export function meeting(overrides: Partial<MeetingInfo> = {}): MeetingInfo {
  return {
    id: "m-0528",
    title: "全市安全生产工作电视电话会议",
    startsAt: local("2024-05-28 15:00"),
    signInOpensAt: local("2024-05-28 14:00"),
    signInClosesAt: local("2024-05-28 15:30"),
    headMustAttend: true,
    status: "scheduled",
    ...overrides,
  };
}

export const civil: RequiredDepartment = {
  departmentId: "civil-affairs",
  nameZh: "市民政局",
  nameEn: "Civil Affairs Bureau",
  kind: "department",
  headSlackUserId: "U_LI",
  headName: "李明",
  headTitle: "局长",
};
export const education: RequiredDepartment = {
  departmentId: "education",
  nameZh: "市教育局",
  nameEn: "Education Bureau",
  kind: "department",
  headSlackUserId: "U_ZHAO",
  headName: "赵刚",
  headTitle: "局长",
};
export const culture: RequiredDepartment = {
  departmentId: "culture",
  nameZh: "市文化局",
  nameEn: "Culture Bureau",
  kind: "department",
  headSlackUserId: null,
  headName: null,
  headTitle: null,
};
export const weihui: RequiredDepartment = {
  departmentId: "weihui",
  nameZh: "卫辉市政府",
  nameEn: "Weihui City Government",
  kind: "county_district",
  headSlackUserId: "U_WANG",
  headName: "王强",
  headTitle: "市长",
};
export const college: RequiredDepartment = {
  departmentId: "xxu",
  nameZh: "新乡学院",
  nameEn: "Xinxiang University",
  kind: "university",
  headSlackUserId: "U_SUN",
  headName: "孙华",
  headTitle: "校长",
};

export function signIn(overrides: Partial<SignInRecord> & Pick<SignInRecord, "departmentId" | "slackUserId">): SignInRecord {
  return { name: overrides.slackUserId, role: "deputy", title: "副局长", signedInAt: local("2024-05-28 14:10"), ...overrides };
}

export function leave(overrides: Partial<LeaveRecord> & Pick<LeaveRecord, "departmentId">): LeaveRecord {
  return {
    id: 1,
    meetingId: "m-0528",
    slackUserId: "U_ASKER",
    name: "孙丽",
    reason: "赴省里开会",
    substituteName: "陈芳（副局长）",
    substituteSlackUserId: "U_CHEN",
    status: "approved",
    requestedAt: local("2024-05-27 10:00"),
    decidedAt: local("2024-05-27 11:00"),
    decidedBy: "U_OFFICE",
    ...overrides,
  };
}
