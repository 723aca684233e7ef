import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { normalizeText } from "../../src/domain/matrix/normalize.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createLlmGuesser } from "../../src/matrix/llm-fallback.ts";
import { loadMatrix } from "../../src/matrix/load-matrix.ts";
import { createWhoLeadsService } from "../../src/matrix/who-leads.ts";
import { renderAnswerText } from "../../src/messages/matrix/describe-answer.ts";
import { useTestDatabase } from "../support/db.ts";

const LLM = "https://llm.test";
const completion = (content: string) => ({
  id: "c1",
  object: "chat.completion",
  created: 1,
  model: "m",
  choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content } }],
});

/** What a wrong, manipulated or broken model might send back. */
const MODEL_REPLIES = [
  '{"venueTypeIds":["police-station"]}',
  '{"venueTypeIds":["nursing-home","fire-brigade"],"leads":[{"department":"公安局"}]}',
  '{"venueTypeIds":["公安局"]}',
  '{"lead":"公安局","department":"public-security"}',
  '{"venueTypeIds":["nursing-home"],"department":{"id":"police","nameZh":"公安局"}}',
  '{"venueTypeIds":["ktv"],"answer":"KTV → 牵头部门：公安局"}',
  '{"venueTypeIds":"ktv"}',
  '{"venueTypeIds":[1,2,3]}',
  "公安局牵头负责",
  '```json\n{"venueTypeIds":["ktv"]}\n```',
  "",
  '{"venueTypeIds":["civil-affairs"]}',
];

describe("the LLM fallback cannot add a department (OpenAI faked with nock)", () => {
  const db = useTestDatabase();
  const logger = createLogger("silent");
  const guesser = () => createLlmGuesser({ apiKey: "sk-test", baseURL: `${LLM}/v1`, model: "m", timeoutMs: 2000, logger });
  afterEach(() => nock.cleanAll());

  it.each(MODEL_REPLIES)("whatever the model returns (%j), the answer names only the matrix's leads", async (content) => {
    const matrix = await loadMatrix(db().prisma);
    const scope = nock(LLM).post("/v1/chat/completions").reply(200, completion(content));
    const answer = await createWhoLeadsService(db().prisma, guesser()).ask("汽修厂归谁管？");
    scope.done();

    const departments = new Set(matrix.units.map((u) => u.id));
    for (const lead of answer.leads) expect(departments).toContain(lead.id);
    // Every lead shown is the matrix's own lead of a venue type the model picked, never something it wrote.
    for (const venue of answer.venues) {
      const inMatrix = matrix.venueTypes.find((v) => v.id === venue.venueType.id)!;
      expect(venue.leads).toEqual(inMatrix.leads);
    }
    const text = renderAnswerText(answer, "zh");
    expect(text).not.toContain("公安");
    const named = [...text.matchAll(/牵头部门：(\S+?)(?:（|\n|$)/g)].map((m) => m[1]);
    for (const name of named) expect(matrix.units.map((u) => u.nameZh)).toContain(name);
    if (answer.venues.length === 0) expect(text).toContain("未分配牵头部门");
  });

  it("answers a picked venue type with the matrix's lead and clause", async () => {
    nock(LLM).post("/v1/chat/completions").reply(200, completion('{"venueTypeIds":["nursing-home","invented"]}'));
    const answer = await createWhoLeadsService(db().prisma, guesser()).ask("老人们集中居住养护的地方");
    expect(answer.via).toBe("llm");
    expect(answer.venues.map((v) => v.venueType.id)).toEqual(["nursing-home"]);
    expect(answer.leads.map((l) => l.id)).toEqual(["civil-affairs"]);
  });

  it("is asked only when the deterministic match fails: never for any name or alias in the matrix", async () => {
    const matrix = await loadMatrix(db().prisma);
    let asked = 0;
    nock(LLM)
      .post("/v1/chat/completions")
      .times(1000)
      .reply(200, () => (asked++, completion('{"venueTypeIds":[]}')));
    const service = createWhoLeadsService(db().prisma, guesser());
    const names = matrix.venueTypes.flatMap((v) => [v.nameZh, v.nameEn, ...v.aliases]).filter((n) => normalizeText(n));
    expect(names.length).toBeGreaterThan(100);
    for (const name of names) {
      const answer = await service.ask(`${name}归谁管？`);
      expect(answer.via, name).toBe("matrix");
    }
    expect(await service.ask("民政部门牵头哪些场所？")).toMatchObject({ via: "matrix", department: { id: "civil-affairs" } });
    expect(asked).toBe(0);

    await service.ask("汽修厂归谁管");
    expect(asked).toBe(1);
  });
});

describe("the model is asked once per question and matrix (OpenAI faked with nock)", () => {
  const db = useTestDatabase();
  const logger = createLogger("silent");
  const guesser = () => createLlmGuesser({ apiKey: "sk-test", baseURL: `${LLM}/v1`, model: "m", timeoutMs: 2000, logger });
  afterEach(() => nock.cleanAll());

  it("fifty people asking the same unmatched question at once cost one model request, and each gets the answer", async () => {
    let asked = 0;
    nock(LLM)
      .post("/v1/chat/completions")
      .times(50)
      .delay(50)
      .reply(200, () => (asked++, completion('{"venueTypeIds":["nursing-home"]}')));
    const service = createWhoLeadsService(db().prisma, guesser());
    const answers = await Promise.all(Array.from({ length: 50 }, () => service.ask("老人们集中居住养护的地方归谁管")));
    expect(asked).toBe(1);
    for (const answer of answers) expect(renderAnswerText(answer, "zh")).toContain("民政部门");
    // Asked again later: still the kept answer; a different question asks the model.
    expect(renderAnswerText(await service.ask("老人们集中居住养护的地方归谁管"), "zh")).toContain("民政部门");
    expect(asked).toBe(1);
    await service.ask("老人们白天托管的地方归谁管");
    expect(asked).toBe(2);
  });

  it("a failed request is not kept: the next asker tries the model again and gets its answer", async () => {
    const scope = nock(LLM)
      .post("/v1/chat/completions")
      .reply(500, { error: { message: "down" } })
      .post("/v1/chat/completions")
      .reply(200, completion('{"venueTypeIds":["nursing-home"]}'));
    const service = createWhoLeadsService(db().prisma, guesser());
    const first = await service.ask("老人们集中居住养护的地方归谁管");
    expect(first.venues).toEqual([]);
    const second = await service.ask("老人们集中居住养护的地方归谁管");
    scope.done();
    expect(second.venues.map((v) => v.venueType.id)).toEqual(["nursing-home"]);
  });

  it("a reloaded matrix asks the model afresh (the kept answer belonged to the old list)", async () => {
    let asked = 0;
    nock(LLM)
      .post("/v1/chat/completions")
      .times(2)
      .reply(200, () => (asked++, completion('{"venueTypeIds":["nursing-home"]}')));
    const g = guesser();
    const question = "老人们集中居住养护的地方归谁管";
    await g.guess(question, (await loadMatrix(db().prisma)).venueTypes);
    await g.guess(question, (await loadMatrix(db().prisma)).venueTypes);
    expect(asked).toBe(2);
  });
});
