import { expect } from "vitest";
import { checkMessageBlocks, checkView, formatProblem } from "../../../src/sandbox/block-kit-limits.ts";
import type { SlackMessage } from "../../../src/messages/mrkdwn.ts";

type Json = Record<string, unknown>;

/** Fails with Slack's own wording when a message breaks a Block Kit limit. */
export function expectValidMessage(message: SlackMessage): void {
  expect(checkMessageBlocks(message.blocks).map(formatProblem)).toEqual([]);
  expect(message.text.length).toBeGreaterThan(0);
}

export function expectValidModal(view: unknown): void {
  expect(checkView(view, "modal").map(formatProblem)).toEqual([]);
}

/** Every mrkdwn/plain text in the blocks, joined: what a person reads. */
export function textOf(blocks: readonly unknown[]): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Json;
      if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string") out.push(o.text);
      else Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out.join("\n");
}

export interface FoundButton {
  blockId: string | undefined;
  actionId: string;
  text: string;
  value: string;
  style: string | undefined;
}

/** Buttons anywhere in the blocks (section accessories and actions blocks). */
export function buttons(blocks: readonly unknown[]): FoundButton[] {
  const found: FoundButton[] = [];
  for (const b of blocks as Json[]) {
    const candidates = [b.accessory, ...(Array.isArray(b.elements) ? b.elements : [])] as (Json | undefined)[];
    for (const e of candidates) {
      if (e?.type === "button") {
        found.push({
          blockId: b.block_id as string | undefined,
          actionId: e.action_id as string,
          text: (e.text as Json).text as string,
          value: e.value as string,
          style: e.style as string | undefined,
        });
      }
    }
  }
  return found;
}
