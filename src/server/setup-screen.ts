import type { Config } from "../config/env.ts";
import { sandboxDatabaseUrl } from "./sandbox-guard.ts";

/** What `npm start` prints when no Slack credentials are set: how to get them, in one screen. */
export function setupScreen(config: Config): string {
  return `redline: no Slack credentials are set, so the bot cannot connect to Slack.
未配置 Slack 凭据，机器人无法连接 Slack。

1. Create the Slack app from the manifest / 用清单创建 Slack 应用:
   https://api.slack.com/apps → Create New App → From an app manifest → paste slack-app-manifest.yaml
   (replace https://redline.example.gov.cn with this server's public URL, or use Socket Mode)
2. Install it to the workspace, then set / 安装到工作区后设置:
   SLACK_BOT_TOKEN=xoxb-…        (OAuth & Permissions → Bot User OAuth Token)
   SLACK_SIGNING_SECRET=…        (Basic Information → Signing Secret)
   SLACK_APP_TOKEN=xapp-…        (optional: Socket Mode instead of a public URL)
   in the environment or in a .env file, and run npm start again.
3. Without Slack you can still ask the matrix / 无需 Slack 也可查询责任矩阵:
   npx redline ask "养老院归哪个部门牵头？"

Database: ${config.databaseUrl.startsWith("pglite:") ? `embedded (${config.databaseUrl})` : "PostgreSQL"} · port ${config.port} · time zone ${config.zone}
`;
}

/** Printed when `npm start` runs the sandbox because no Slack credentials are set. */
export function sandboxBanner(url: string, config: Config): string {
  const local = url.replace("127.0.0.1", "localhost");
  return `
redline is running in SANDBOX mode (no Slack credentials set) / 沙盒模式（未配置 Slack 凭据）
  Open ${local}/ — pick a person, type /redline 帮助 or @redline 养老院归哪个部门牵头？, click buttons, move the clock.
  打开 ${local}/ ，切换用户、输入命令、点击按钮、推进时间。
  The sandbox is a local stand-in for Slack with made-up people; its data lives in ${sandboxDatabaseUrl(config.databaseUrl).slice("pglite:".length)}, never in DATABASE_URL.
  沙盒是本机模拟的 Slack，人员均为虚构；数据保存在 ${sandboxDatabaseUrl(config.databaseUrl).slice("pglite:".length)}，不写入 DATABASE_URL 指向的数据库。
  To connect a real workspace, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README / slack-app-manifest.yaml).
`;
}
