import { describe, expect, it } from "vitest";
import { renderMrkdwn, renderPlain } from "../../../src/sandbox/render/mrkdwn.ts";

const names = {
  user: (id: string) => ({ ULIAISON1: "李文化" })[id],
  channel: (id: string) => ({ CCULTURE: "dept-culture" })[id],
};
const md = (text: string) => renderMrkdwn(text, names);

describe("renderMrkdwn", () => {
  it("renders bold, italic, strike and inline code, also next to Chinese text", () => {
    expect(md("*截止日期* 5月31日")).toBe("<strong>截止日期</strong> 5月31日");
    expect(md("请*尽快*提交")).toBe("请<strong>尽快</strong>提交");
    expect(md("_说明_ ~作废~ `campaign.ack`")).toBe("<em>说明</em> <s>作废</s> <code>campaign.ack</code>");
  });

  it("leaves snake_case identifiers and arithmetic alone", () => {
    expect(md("action_id_value and 2*3*4")).toBe("action_id_value and 2*3*4");
  });

  it("does not format inside code", () => {
    expect(md("`*not bold*`")).toBe("<code>*not bold*</code>");
    expect(md("```\n*a* <b>\n```")).toBe("<pre>*a* &lt;b&gt;\n</pre>");
  });

  it("renders user and channel mentions by name, and links with labels", () => {
    expect(md("<@ULIAISON1> 请确认")).toContain('<span class="mention" data-user-id="ULIAISON1">@李文化</span> 请确认');
    expect(md("见 <#CCULTURE>")).toContain('data-channel-id="CCULTURE">#dept-culture</span>');
    expect(md("<#CNEW|new-channel>")).toContain("#new-channel");
    expect(md("<!here> 开会")).toContain("@here");
    expect(md("<https://example.org/a?b=1&amp;c=2|通知>")).toBe(
      '<a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">通知</a>',
    );
  });

  it("escapes HTML and refuses script links", () => {
    expect(md("<script>alert(1)</script>")).not.toContain("<script>");
    expect(md("<javascript:alert(1)|click>")).not.toContain("href");
    expect(md("a &lt;b&gt; &amp; c")).toBe("a &lt;b&gt; &amp; c");
  });

  it("keeps newlines and quotes, and shows emoji codes", () => {
    expect(md("第一行\n第二行")).toBe("第一行<br>第二行");
    expect(md("&gt; 引用\n正文")).toBe("<blockquote>引用</blockquote>正文");
    expect(md(":white_check_mark: 完成 :unknown_code:")).toBe("✅ 完成 :unknown_code:");
  });
});

describe("renderPlain", () => {
  it("escapes everything and keeps emoji unless turned off", () => {
    expect(renderPlain("<b> *x* :fire:")).toBe("&lt;b&gt; *x* 🔥");
    expect(renderPlain(":fire:", false)).toBe(":fire:");
  });
});
