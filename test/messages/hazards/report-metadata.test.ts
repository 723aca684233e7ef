import { describe, expect, it } from "vitest";
import { encodeReportMetadata, parseReportMetadata } from "../../../src/messages/hazards/refs.ts";

const file = (i: number, permalinkLength = 80) => ({
  slackFileId: `F0${String(i).padStart(9, "0")}`,
  name: `现场照片-${i}-${"很长的文件名".repeat(8)}.jpg`,
  mimetype: "image/jpeg",
  permalink: `https://city.slack.com/files/U0123/F0${i}/${"x".repeat(permalinkLength)}`,
});

describe("the registration form's private_metadata", () => {
  it("carries the message's link and files and reads back the same", () => {
    const meta = {
      lang: "zh" as const,
      channelId: "CWEIHUI",
      messagePermalink: "https://city.slack.com/archives/C1/p1",
      messageFiles: [file(1), file(2)],
    };
    expect(parseReportMetadata(encodeReportMetadata(meta))).toEqual(meta);
    expect(parseReportMetadata(encodeReportMetadata({ lang: "en" }))).toEqual({ lang: "en", channelId: undefined });
  });

  it("stays within Slack's 3000 characters by dropping file links, then names, never the file ids", () => {
    const files = Array.from({ length: 20 }, (_, i) => file(i, 300));
    const encoded = encodeReportMetadata({
      lang: "zh",
      channelId: "C1",
      messagePermalink: "https://city.slack.com/archives/C1/p1",
      messageFiles: files,
    });
    expect(encoded.length).toBeLessThanOrEqual(3000);
    const back = parseReportMetadata(encoded);
    expect(back.messageFiles!.map((f) => f.slackFileId)).toEqual(files.map((f) => f.slackFileId));
    expect(back.messagePermalink).toBe("https://city.slack.com/archives/C1/p1");
  });

  it("refuses metadata it did not write", () => {
    expect(() => parseReportMetadata(JSON.stringify({ l: "zh", f: [{ i: "" }] }))).toThrow();
    expect(() => parseReportMetadata(JSON.stringify({ l: "zh", x: 1 }))).toThrow();
  });
});
