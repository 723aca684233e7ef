import { describe, expect, it } from "vitest";
import { campaignRefusalError } from "../../../src/domain/campaigns/campaign-refusal-error.ts";
import { mayActForDepartment, type DepartmentMembership } from "../../../src/domain/campaigns/may-act-for-department.ts";
import { maySignPledge } from "../../../src/domain/campaigns/may-sign-pledge.ts";
import { ErrorCode } from "../../../src/lib/errors.ts";
import { civil, culture, weihui } from "./factories.ts";

const members: DepartmentMembership = { liaisonIds: ["U0CHEN"], headId: "U0LIMING", channelMemberIds: ["U0CHEN", "U0ZHOU"] };

describe("mayActForDepartment", () => {
  it.each([
    ["U0LIMING", "head"],
    ["U0CHEN", "liaison"],
    ["U0ZHOU", "channel_member"],
  ])("lets %s act as %s", (slackUserId, as) => {
    expect(mayActForDepartment({ slackUserId }, civil, members)).toEqual({ ok: true, as });
  });

  it("refuses anyone else, naming the department, in both languages", () => {
    const r = mayActForDepartment({ slackUserId: "U0OUTSIDER" }, civil, members);
    expect(r).toMatchObject({ ok: false, code: "not_a_member" });
    if (r.ok) return;
    expect(r.message.zh).toBe("您不是民政部门的联络员、主要负责人或频道成员，不能代表该单位操作。如有疑问请联系安委办。");
    expect(r.message.en).toContain("Civil Affairs Department");
  });

  it("does not let anybody in through a department with no registered head", () => {
    expect(mayActForDepartment({ slackUserId: "U0OUTSIDER" }, culture, { liaisonIds: [], headId: null, channelMemberIds: [] }).ok).toBe(
      false,
    );
  });

  it("becomes a forbidden AppError for the listener boundary", () => {
    const r = mayActForDepartment({ slackUserId: "U0OUTSIDER" }, civil, members);
    if (r.ok) throw new Error("expected a refusal");
    const e = campaignRefusalError(r);
    expect(e.code).toBe(ErrorCode.Forbidden);
    expect(e.messageFor("zh")).toBe(r.message.zh);
    expect(e.details).toEqual({ refusal: "not_a_member" });
  });
});

describe("maySignPledge", () => {
  it("lets the registered principal head sign", () => {
    expect(maySignPledge({ slackUserId: "U0LIMING" }, civil)).toEqual({ ok: true });
  });

  it("refuses a liaison, naming who must sign by mention and title (the mention shows the name)", () => {
    const r = maySignPledge({ slackUserId: "U0CHEN" }, civil);
    expect(r).toMatchObject({ ok: false, code: "not_registered_head" });
    if (r.ok) return;
    expect(r.message.zh).toBe("安全承诺须由民政部门主要负责人 <@U0LIMING>（局长）本人签署，他人不能代签。");
    expect(r.message.en).toBe(
      "The safety pledge must be signed in person by Civil Affairs Department's principal head, <@U0LIMING> (局长); nobody can sign for them.",
    );
  });

  it("names a head with no title without empty brackets", () => {
    const r = maySignPledge({ slackUserId: "U0CHEN" }, weihui);
    if (r.ok) throw new Error("expected a refusal");
    expect(r.message.zh).toContain("主要负责人 <@U0WANG>本人签署");
    expect(r.message.zh).not.toContain("王强");
  });

  it("with no registered head, tells them to have the office register one — nobody can sign", () => {
    const r = maySignPledge({ slackUserId: "U0CHEN" }, culture);
    expect(r).toMatchObject({ ok: false, code: "no_registered_head" });
    if (r.ok) return;
    expect(r.message.zh).toContain("文化部门尚未登记主要负责人");
    expect(r.message.zh).toContain("请联系安委办登记主要负责人");
    expect(r.message.en).toContain("ask the safety office to register the principal head");
  });
});
