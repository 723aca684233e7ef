import { describe, expect, it } from "vitest";
import type { Delivery } from "../../src/delivery/delivery.ts";
import { MembershipCache } from "../../src/delivery/people.ts";
import { cannotReachThere, dmKey, reachPeople } from "../../src/delivery/reach-people.ts";
import { createLogger } from "../../src/lib/logger.ts";

function fakeDelivery(members: string[], sent: Set<string> = new Set()) {
  const dms: { key: string; userId: string }[] = [];
  const delivery = {
    isChannelMember: async (_channel: string, userId: string) => members.includes(userId),
    dmOnce: async (r: { key: string; userId: string }) => {
      if (sent.has(r.key)) return null;
      sent.add(r.key);
      dms.push({ key: r.key, userId: r.userId });
      return { channelId: `D${r.userId}`, ts: "1.1" };
    },
  } as unknown as Delivery;
  return { delivery, dms };
}

const logger = createLogger("silent");
const request = (people: string[], channel: string | null = "CEDU") => ({
  channel,
  people,
  key: (u: string) => dmKey("meeting:m:briefing:education", u),
  kind: "meeting-briefing",
  message: () => ({ text: "t", blocks: [] }),
});

describe("reachPeople", () => {
  it("DMs only the people not in the channel, once per key", async () => {
    const sent = new Set<string>();
    const { delivery, dms } = fakeDelivery(["UIN"], sent);
    const first = await reachPeople({ delivery, config: {}, logger }, request(["UIN", "UOUT", "UOUT"]));
    const again = await reachPeople({ delivery, config: {}, logger }, request(["UIN", "UOUT"]));
    expect(dms).toEqual([{ key: "meeting:m:briefing:education:dm:UOUT", userId: "UOUT" }]);
    expect([first.sent, again.sent]).toEqual([1, 0]);
  });

  it("DMs everyone with no channel or REDLINE_DM=always, and nobody with off", async () => {
    const none = fakeDelivery(["UIN"]);
    await reachPeople({ delivery: none.delivery, config: {}, logger }, request(["UIN"], null));
    expect(none.dms.map((d) => d.userId)).toEqual(["UIN"]);
    const always = fakeDelivery(["UIN"]);
    await reachPeople({ delivery: always.delivery, config: { dmPeople: "always" }, logger }, request(["UIN", "UOUT"]));
    expect(always.dms.map((d) => d.userId)).toEqual(["UIN", "UOUT"]);
    const off = fakeDelivery([]);
    await reachPeople({ delivery: off.delivery, config: { dmPeople: "off" }, logger }, request(["UOUT"]));
    expect(off.dms).toEqual([]);
  });

  it("counts a failed DM and goes on to the next person", async () => {
    const { delivery, dms } = fakeDelivery([]);
    const failing = {
      ...delivery,
      dmOnce: async (r: { key: string; userId: string }) => {
        if (r.userId === "UBAD") throw new Error("cannot_dm_bot");
        return delivery.dmOnce(r as never);
      },
    } as Delivery;
    const result = await reachPeople({ delivery: failing, config: {}, logger }, request(["UBAD", "UOK"]));
    expect(result).toEqual({ sent: 1, failed: 1 });
    expect(dms.map((d) => d.userId)).toEqual(["UOK"]);
  });
});

describe("MembershipCache", () => {
  it("asks Slack once per channel and person within its time, then again", async () => {
    let now = 0;
    let asked = 0;
    const cache = new MembershipCache(60_000, () => now);
    const ask = async () => (asked++, true);
    await cache.isMember("C1", "U1", ask);
    await cache.isMember("C1", "U1", ask);
    await cache.isMember("C1", "U2", ask);
    expect(asked).toBe(2);
    now = 60_001;
    await cache.isMember("C1", "U1", ask);
    expect(asked).toBe(3);
    const off = new MembershipCache(0);
    await off.isMember("C1", "U1", ask);
    await off.isMember("C1", "U1", ask);
    expect(asked).toBe(5);
  });
});

describe("cannotReachThere: when a refusal's ephemeral may go by DM instead", () => {
  const webApi = (error: string) =>
    Object.assign(new Error(`An API error occurred: ${error}`), { code: "slack_webapi_platform_error", data: { ok: false, error } });
  const respond = (status: number) =>
    Object.assign(new Error(`Failed to respond to the response_url: ${status}`), { code: "slack_bolt_respond_error", statusCode: status });

  it("is Slack saying the person is not there, not Slack failing", () => {
    for (const e of [webApi("user_not_in_channel"), webApi("channel_not_found"), webApi("not_in_channel"), respond(404), respond(403)])
      expect(cannotReachThere(e), e.message).toBe(true);
    for (const e of [webApi("ratelimited"), webApi("invalid_blocks"), respond(500), respond(429), new Error("socket hang up"), null])
      expect(cannotReachThere(e), String(e)).toBe(false);
  });
});
