import type { SandboxStore } from "../store.ts";
import { escapeHtml } from "./mrkdwn.ts";

/** The page shell; the script fills the live regions from GET /state. Every control has a stable data-testid. */
export function renderPage(store: SandboxStore, options: { clockLabel: string; timeZone: string }): string {
  const users = [...store.users.values()]
    .map((u) => {
      const label = [u.realName ?? u.name, u.title].filter(Boolean).join(" · ");
      return `<option value="${escapeHtml(u.id)}">${escapeHtml(label)} (${escapeHtml(u.id)})</option>`;
    })
    .join("");
  const bot = escapeHtml(store.bot.name);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${bot} 沙盒 (Sandbox)</title>
<link rel="stylesheet" href="/assets/sandbox.css">
</head>
<body data-bot-name="${bot}">
<header class="topbar">
  <strong class="brand">${bot} 沙盒 <small>(Sandbox)</small></strong>
  <label class="switcher">当前用户 (Acting as)
    <select data-testid="user-switcher" id="user-switcher">${users}</select>
  </label>
  <div class="clock" data-testid="clock">
    <span>模拟时间 (Simulated time, ${escapeHtml(options.timeZone)})：<time data-testid="clock-now" id="clock-now">${escapeHtml(options.clockLabel)}</time></span>
    <button type="button" data-testid="clock-plus-hour" data-clock-op="hour">+1 小时 (hour)</button>
    <button type="button" data-testid="clock-plus-day" data-clock-op="day">+1 天 (day)</button>
    <button type="button" data-testid="clock-next-nine" data-clock-op="next-nine">下一个 09:00 (next 09:00)</button>
    <input type="datetime-local" data-testid="clock-input" id="clock-input">
    <button type="button" data-testid="clock-set" data-clock-op="set">设定 (Set)</button>
  </div>
</header>
<div class="layout">
  <nav class="sidebar" data-testid="channel-list" id="channels"></nav>
  <main class="main">
    <h1 class="main-title" data-testid="main-title" id="main-title"></h1>
    <div class="timeline" data-testid="messages" id="timeline"></div>
    <form class="composer" data-testid="composer" id="composer">
      <textarea data-testid="message-box" id="message-box" rows="2" placeholder="输入消息，或 /${bot} help、@${bot} … (Type a message, /${bot} help or @${bot} …)"></textarea>
      <label class="attach" title="上传文件 (Attach files)">📎<input type="file" data-testid="message-attach" multiple></label>
      <button type="submit" data-testid="message-send">发送 (Send)</button>
      <ul class="file-chips attachments" data-testid="message-attachments" id="message-attachments"></ul>
    </form>
  </main>
</div>
<div class="notice" data-testid="notice" id="notice" role="status" hidden></div>
<div id="modal-root" data-testid="modal-root"></div>
<script src="/assets/sandbox.js"></script>
</body>
</html>`;
}
