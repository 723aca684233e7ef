import { describe, expect, it } from "vitest";
import { briefingDueAt, briefingDueNow } from "../../../src/domain/meetings/briefing-schedule.ts";
import { noticeSlots, noticeToSend } from "../../../src/domain/meetings/notice-schedule.ts";
import { local } from "./factories.ts";

const ZONE = "Asia/Shanghai";
// Friday 29 May 2026, 15:00; sign-in 14:00–15:30.
const friday = { startsAt: local("2026-05-29 15:00"), signInOpensAt: local("2026-05-29 14:00"), signInClosesAt: local("2026-05-29 15:30") };

describe("meeting notices", () => {
  it("announces on the working day before at 09:00, when sign-in opens, and 30 minutes before", () => {
    expect(noticeSlots(friday, ZONE).map((s) => [s.key, s.at])).toEqual([
      ["day-before", local("2026-05-28 09:00")],
      ["open", local("2026-05-29 14:00")],
      ["before-30m", local("2026-05-29 14:30")],
    ]);
  });

  it("announces a Monday meeting on the Friday before, and one after a holiday on the last working day before it", () => {
    const monday = {
      startsAt: local("2026-06-01 10:00"),
      signInOpensAt: local("2026-06-01 09:00"),
      signInClosesAt: local("2026-06-01 10:30"),
    };
    expect(noticeSlots(monday, ZONE)[0]).toMatchObject({ key: "day-before", at: local("2026-05-29 09:00") });
    // Mon 22 June 2026 follows the Dragon Boat holiday (Fri 19 – Sun 21 June).
    const afterHoliday = {
      startsAt: local("2026-06-22 15:00"),
      signInOpensAt: local("2026-06-22 14:00"),
      signInClosesAt: local("2026-06-22 15:30"),
    };
    expect(noticeSlots(afterHoliday, ZONE)[0]!.at).toEqual(local("2026-06-18 09:00"));
  });

  it("sends one notice when sign-in opens at the 30-minute mark", () => {
    const m = { ...friday, signInOpensAt: local("2026-05-29 14:30") };
    expect(noticeSlots(m, ZONE).map((s) => s.key)).toEqual(["day-before", "before-30m"]);
  });

  it("sends only the latest notice due, and none once sign-in has closed", () => {
    expect(noticeToSend(friday, ZONE, local("2026-05-28 08:59"))).toBeNull();
    expect(noticeToSend(friday, ZONE, local("2026-05-28 09:00"))?.key).toBe("day-before");
    expect(noticeToSend(friday, ZONE, local("2026-05-29 13:59"))?.key).toBe("day-before");
    // A meeting called at 14:40 (or a bot back from downtime) gets the 30-minute notice only.
    expect(noticeToSend(friday, ZONE, local("2026-05-29 14:40"))?.key).toBe("before-30m");
    expect(noticeToSend(friday, ZONE, local("2026-05-29 15:30"))).toBeNull();
  });
});

describe("briefing deadlines and reminders", () => {
  const closedAt = local("2026-05-29 15:30");
  const dueAt = briefingDueAt(closedAt, 2, ZONE);

  it("is due two working days after the close, at 18:00, skipping the weekend", () => {
    expect(dueAt).toEqual(local("2026-06-02 18:00"));
    // Closed on the Thursday before the Dragon Boat holiday: Fri–Sun off, so Mon and Tue count.
    expect(briefingDueAt(local("2026-06-18 16:00"), 2, ZONE)).toEqual(local("2026-06-23 18:00"));
  });

  it("reminds the working day before and the morning of the deadline, then lists to the office the next working morning", () => {
    const at = (t: string) => briefingDueNow(closedAt, dueAt, ZONE, local(t));
    expect(at("2026-05-30 09:00")).toEqual({ reminder: null, listToOffice: false });
    expect(at("2026-06-01 08:59")).toEqual({ reminder: null, listToOffice: false });
    expect(at("2026-06-01 09:00").reminder?.key).toBe("before:-1");
    expect(at("2026-06-02 09:00").reminder?.key).toBe("due");
    expect(at("2026-06-02 18:30")).toEqual({ reminder: null, listToOffice: false });
    expect(at("2026-06-03 08:59").listToOffice).toBe(false);
    expect(at("2026-06-03 09:00")).toEqual({ reminder: null, listToOffice: true });
  });

  it("does not remind before the follow-up exists: a Monday close due Wednesday gets Tuesday's and Wednesday's", () => {
    const mondayClose = local("2026-06-01 10:30");
    const due = briefingDueAt(mondayClose, 2, ZONE);
    expect(due).toEqual(local("2026-06-03 18:00"));
    expect(briefingDueNow(mondayClose, due, ZONE, local("2026-06-02 09:00")).reminder?.key).toBe("before:-1");
    expect(briefingDueNow(mondayClose, due, ZONE, local("2026-06-03 09:00")).reminder?.key).toBe("due");
  });
});
