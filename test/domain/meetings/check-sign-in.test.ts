import { describe, expect, it } from "vitest";
import { alreadySignedInMessage } from "../../../src/domain/meetings/already-signed-in-message.ts";
import { checkSignIn, type CheckSignInInput, type SignInPerson } from "../../../src/domain/meetings/check-sign-in.ts";
import { ZSignInClaimSchema } from "../../../src/domain/meetings/sign-in-claim-schema.ts";
import { signInRefusalError } from "../../../src/domain/meetings/sign-in-refusal-error.ts";
import { ErrorCode } from "../../../src/lib/errors.ts";
import { civil, culture, education, local, meeting } from "./factories.ts";

const head: SignInPerson = { slackUserId: "U_LI", name: "李明", memberships: [{ departmentId: "civil-affairs", as: "head" }] };
const liaison: SignInPerson = { slackUserId: "U_CHEN", name: "陈芳", memberships: [{ departmentId: "civil-affairs", as: "liaison" }] };

function input(overrides: Partial<CheckSignInInput> = {}): CheckSignInInput {
  return {
    meeting: meeting(),
    requiredDepartments: [civil, education, culture],
    person: liaison,
    departmentId: "civil-affairs",
    claim: { role: "deputy", title: "副局长" },
    now: local("2024-05-28 14:20"),
    ...overrides,
  };
}

function refusal(i: CheckSignInInput) {
  const r = checkSignIn(i);
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.signIn)}`);
  return r;
}

describe("checkSignIn", () => {
  it("signs the registered head in as head, with their registered title", () => {
    expect(checkSignIn(input({ person: head, claim: { role: "head" } }))).toEqual({
      ok: true,
      signIn: { departmentId: "civil-affairs", slackUserId: "U_LI", name: "李明", role: "head", title: "局长" },
    });
  });

  it("signs a liaison in as deputy with their title, whitespace tidied", () => {
    const r = checkSignIn(input({ claim: { role: "deputy", title: "  副局长   (分管安全) " } }));
    expect(r).toEqual({
      ok: true,
      signIn: { departmentId: "civil-affairs", slackUserId: "U_CHEN", name: "陈芳", role: "deputy", title: "副局长 (分管安全)" },
    });
  });

  it("records the registered head as head even when they ticked 'attending for the head'", () => {
    const r = checkSignIn(input({ person: head, claim: { role: "deputy", title: "局长" } }));
    expect(r.ok && r.signIn.role).toBe("head");
  });

  it("refuses a head claim from someone who is not the registered head, naming the head", () => {
    const r = refusal(input({ claim: { role: "head" } }));
    expect(r.code).toBe("not_registered_head");
    expect(r.message.zh).toContain("李明");
    expect(r.message.en).toContain("李明");
  });

  it("refuses a head claim where no head is registered, and points to signing in as deputy", () => {
    const person: SignInPerson = { slackUserId: "U_WU", name: "吴", memberships: [{ departmentId: "culture", as: "liaison" }] };
    const r = refusal(input({ person, departmentId: "culture", claim: { role: "head" } }));
    expect(r.code).toBe("no_registered_head");
    expect(checkSignIn(input({ person, departmentId: "culture" })).ok).toBe(true);
  });

  it("does not let the head of one department sign in as head of another", () => {
    const r = refusal(input({ person: head, departmentId: "education", claim: { role: "head" } }));
    expect(r.code).toBe("not_a_member");
    expect(r.message.zh).toContain("市教育局");
  });

  it("refuses someone signing in for a department they do not belong to", () => {
    const outsider: SignInPerson = { slackUserId: "U_X", name: "外人", memberships: [{ departmentId: "education", as: "channel_member" }] };
    expect(refusal(input({ person: outsider })).code).toBe("not_a_member");
  });

  it("accepts any member of the department's channel as a deputy", () => {
    const member: SignInPerson = { slackUserId: "U_M", name: "周", memberships: [{ departmentId: "civil-affairs", as: "channel_member" }] };
    expect(checkSignIn(input({ person: member })).ok).toBe(true);
  });

  it("refuses a department the meeting does not require", () => {
    expect(refusal(input({ departmentId: "housing" })).code).toBe("department_not_required");
  });

  it("requires a title from a deputy", () => {
    expect(refusal(input({ claim: { role: "deputy", title: "   " } })).code).toBe("deputy_title_missing");
  });

  describe("window edges", () => {
    it("accepts exactly at the opening instant", () => {
      expect(checkSignIn(input({ now: local("2024-05-28 14:00") })).ok).toBe(true);
    });

    it("accepts a millisecond before closing", () => {
      expect(checkSignIn(input({ now: new Date(local("2024-05-28 15:30").getTime() - 1) })).ok).toBe(true);
    });

    it("refuses exactly at the closing instant, naming the window in Beijing time in both languages", () => {
      const r = refusal(input({ now: local("2024-05-28 15:30") }));
      expect(r.code).toBe("window_closed");
      expect(r.message.zh).toContain("2024年5月28日 14:00 至 15:30（北京时间）");
      expect(r.message.en).toContain("28 May 2024, 14:00 to 15:30 (Beijing time)");
    });

    it("refuses a millisecond before opening as not open yet", () => {
      const r = refusal(input({ now: new Date(local("2024-05-28 14:00").getTime() - 1) }));
      expect(r.code).toBe("not_open_yet");
      expect(r.message.zh).toContain("签到尚未开始");
      expect(r.message.zh).toContain("14:00 至 15:30");
    });

    it("names both dates when the window spans midnight", () => {
      const m = meeting({ signInOpensAt: local("2024-05-27 20:00"), signInClosesAt: local("2024-05-28 09:00") });
      const r = refusal(input({ meeting: m, now: local("2024-05-28 10:00") }));
      expect(r.message.zh).toContain("2024年5月27日 20:00 至 2024年5月28日 09:00");
    });
  });

  it("refuses once the office has closed the meeting, even inside the window", () => {
    expect(refusal(input({ meeting: meeting({ status: "closed" }) })).code).toBe("meeting_closed");
  });

  describe("without a channel (department inferred)", () => {
    it("uses the one required department the person belongs to", () => {
      const r = checkSignIn(input({ departmentId: undefined }));
      expect(r.ok && r.signIn.departmentId).toBe("civil-affairs");
    });

    it("asks for the department's channel when the person belongs to several", () => {
      const both: SignInPerson = { ...liaison, memberships: [...liaison.memberships, { departmentId: "education", as: "liaison" }] };
      const r = refusal(input({ person: both, departmentId: undefined }));
      expect(r.code).toBe("department_ambiguous");
      expect(r.message.zh).toContain("市民政局、市教育局");
    });

    it("picks the department a person heads when they claim head", () => {
      const both: SignInPerson = { ...head, memberships: [...head.memberships, { departmentId: "education", as: "channel_member" }] };
      const r = checkSignIn(input({ person: both, departmentId: undefined, claim: { role: "head" } }));
      expect(r.ok && r.signIn).toMatchObject({ departmentId: "civil-affairs", role: "head" });
    });

    it("refuses someone with no required department", () => {
      const r = refusal(
        input({
          person: { slackUserId: "U_Y", name: "Y", memberships: [{ departmentId: "housing", as: "liaison" }] },
          departmentId: undefined,
        }),
      );
      expect(r.code).toBe("department_not_required");
    });
  });

  it("maps refusals to coded errors the listener answers with", () => {
    expect(signInRefusalError(refusal(input({ now: local("2024-05-28 16:00") }))).code).toBe(ErrorCode.OutsideWindow);
    const err = signInRefusalError(refusal(input({ claim: { role: "head" } })));
    expect(err.code).toBe(ErrorCode.Forbidden);
    expect(err.messageFor("zh")).toContain("李明");
  });
});

describe("alreadySignedInMessage", () => {
  it("tells the person when they signed in and in which role", () => {
    const m = alreadySignedInMessage({ signedInAt: local("2024-05-28 14:05"), role: "deputy" });
    expect(m.zh).toBe("您已于2024年5月28日 14:05签到（代主要负责人参会），无需重复签到。");
    expect(m.en).toContain("28 May 2024, 14:05");
  });
});

describe("ZSignInClaimSchema", () => {
  it("requires a title from a deputy and trims it", () => {
    expect(ZSignInClaimSchema.parse({ role: "deputy", title: " 副局长 " })).toEqual({ role: "deputy", title: "副局长" });
    expect(ZSignInClaimSchema.safeParse({ role: "deputy", title: "" }).success).toBe(false);
    expect(ZSignInClaimSchema.safeParse({ role: "mayor" }).success).toBe(false);
  });
});
