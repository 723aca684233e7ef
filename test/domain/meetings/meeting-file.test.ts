import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/lib/errors.ts";
import { parseYamlText, readYamlFile } from "../../../src/lib/yaml-file.ts";
import { resolveMeetingTime, ZMeetingFile } from "../../../src/domain/meetings/definition/meeting-file-schema.ts";
import { local } from "./factories.ts";

describe("meeting file", () => {
  it("reads the example file with its defaults", async () => {
    const file = await readYamlFile("prisma/seed/meetings/example.yaml", ZMeetingFile);
    expect(file).toMatchObject({
      id: "safety-conference-2026-12",
      headMustAttend: true,
      briefingDueWorkingDays: 2,
      signIn: { opensMinutesBefore: 60, closesMinutesAfter: 30 },
    });
    expect(file.departments.groups).toEqual(["all-counties", "all-departments"]);
  });

  it("fills in the defaults a short file leaves out", () => {
    const file = parseYamlText("title: 会议\nstartsAt: 2026-05-29T15:00\ndepartments: { ids: [civil-affairs] }\n", "m.yaml", ZMeetingFile);
    expect(file).toMatchObject({
      version: 1,
      headMustAttend: true,
      briefingDueWorkingDays: 2,
      signIn: { opensMinutesBefore: 60, closesMinutesAfter: 30 },
    });
  });

  it("reads local times in the office's zone and keeps an explicit offset", () => {
    expect(resolveMeetingTime("2026-05-29T15:00", "Asia/Shanghai")).toEqual(local("2026-05-29 15:00"));
    expect(resolveMeetingTime("2026-05-29T07:00Z", "Asia/Shanghai")).toEqual(local("2026-05-29 15:00"));
  });

  it("names the field of every mistake, in Chinese and English", async () => {
    const text = (await readFile("prisma/seed/meetings/example.yaml", "utf8"))
      .replace('startsAt: "2026-12-18T15:00"', 'startsAt: "明天下午三点"')
      .replace("groups: [all-counties, all-departments]", "groups: [everyone]")
      .replace("headMustAttend: true", "headMustAttend: yes please");
    let error: unknown;
    try {
      parseYamlText(text, "example.yaml", ZMeetingFile);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const message = (error as AppError).messageFor("zh");
    expect(message).toContain("example.yaml: startsAt: 时间格式应为 2026-05-29T15:00");
    expect(message).toContain("example.yaml: departments.groups[0]");
    expect(message).toContain("example.yaml: headMustAttend");
  });
});
