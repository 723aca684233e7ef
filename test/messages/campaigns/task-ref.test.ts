import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../../../src/lib/errors.ts";
import {
  encodeCampaignButtonValue,
  encodeCampaignModalMetadata,
  parseCampaignButtonValue,
  parseCampaignModalMetadata,
} from "../../../src/messages/campaigns/task-ref.ts";

const REF = { campaignId: "summer-fire-safety", taskKey: "safety-pledge", departmentId: "civil-affairs" };

describe("campaign button value", () => {
  it("is a small JSON string that parses back to the same reference", () => {
    const value = encodeCampaignButtonValue(REF);
    expect(value).toBe('{"c":"summer-fire-safety","t":"safety-pledge","d":"civil-affairs"}');
    expect(parseCampaignButtonValue(value)).toEqual(REF);
  });

  it.each([
    ["not JSON", "summer-fire-safety/ack"],
    ["another app's value", '{"action":"approve","id":42}'],
    ["a missing field", '{"c":"summer-fire-safety","t":"ack"}'],
    ["an extra field", '{"c":"x","t":"y","d":"z","admin":true}'],
    ["a bad id", '{"c":"../etc","t":"y","d":"z"}'],
    ["a non-string", 42],
    ["nothing", undefined],
  ])("refuses %s with a clear, coded error", (_what, raw) => {
    let error: unknown;
    try {
      parseCampaignButtonValue(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.InputInvalid);
    expect((error as AppError).userMessage.zh).toContain("这个按钮无法识别");
  });
});

describe("campaign modal metadata", () => {
  it("carries the reference and, for pledges, the version shown", () => {
    expect(parseCampaignModalMetadata(encodeCampaignModalMetadata(REF, 2))).toEqual({ ...REF, pledgeVersion: 2, correctsRevision: null });
    expect(parseCampaignModalMetadata(encodeCampaignModalMetadata(REF))).toEqual({ ...REF, pledgeVersion: null, correctsRevision: null });
    expect(parseCampaignModalMetadata(encodeCampaignModalMetadata(REF, undefined, 0))).toEqual({
      ...REF,
      pledgeVersion: null,
      correctsRevision: 0,
    });
  });

  it("refuses metadata that is not ours", () => {
    expect(() => parseCampaignModalMetadata('{"meeting":"m-1"}')).toThrow(AppError);
  });
});
