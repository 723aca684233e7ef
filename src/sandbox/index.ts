export { createSandbox, type Sandbox, type SandboxOptions } from "./create-sandbox.ts";
export { assertSandboxCredentials, generateSandboxCredentials, isSandboxToken, SANDBOX_TOKEN_PREFIX } from "./credentials.ts";
export { clockTarget, createSandboxClock, type SandboxClock, type TClockStep } from "./clock.ts";
export { signSlackRequest } from "./bot-client.ts";
export type { DriveResult, ClickTarget, SandboxDriver } from "./driver.ts";
export type { SandboxBot, SandboxChannel, SandboxUser, StoredMessage, StoredEphemeral, StoredView, StoredFile } from "./store.ts";
export type { RawValues } from "./view-state.ts";
export { checkMessageBlocks, checkView, LIMITS as BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
