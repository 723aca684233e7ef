export { createSandbox, type Sandbox, type SandboxOptions } from "./create-sandbox.ts";
export { assertSandboxCredentials, generateSandboxCredentials, isSandboxToken, SANDBOX_TOKEN_PREFIX } from "./credentials.ts";
export { clockTarget, createSandboxClock, type SandboxClock, type TClockStep } from "./clock.ts";
export { signSlackRequest } from "./bot-client.ts";
export type { DriveResult, ClickTarget, SandboxDriver } from "./driver.ts";
export {
  dmChannelId,
  type SandboxBot,
  type SandboxChannel,
  type SandboxStore,
  type SandboxUser,
  type StoredEphemeral,
  type StoredFile,
  type StoredMessage,
  type StoredView,
} from "./store.ts";
export type { RawValues } from "./view-state.ts";
export { checkMessageBlocks, checkView, LIMITS as BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
