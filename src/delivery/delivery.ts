import type { View } from "@slack/types";
import { LogLevel, WebClient } from "@slack/web-api";
import type { Db } from "../db/client.ts";
import type { Lang } from "../lib/i18n.ts";
import type { Logger } from "../lib/logger.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import { sendOnce } from "./dispatch.ts";
import { processRateLimiter, type RateLimiter } from "./rate-limiter.ts";
import { dispatchMetadata, findInHistory, postWithKey, uploadNamed } from "./reconcile.ts";
import { lookUpPerson, MembershipCache, openDirectMessage, type Actor } from "./people.ts";
import { postToChannel, type Posted } from "./post-message.ts";

export type { Posted };

/** A message, or how to build it once the send is ours (built after the claim, so a lost claim costs nothing). */
export type MessageSource = SlackMessage | (() => SlackMessage | Promise<SlackMessage>);

export interface PostRequest {
  channel: string;
  message: MessageSource;
  /** Post in this message's thread; `broadcast` also shows it in the channel. */
  threadTs?: string;
  broadcast?: boolean;
}

export interface KeyedPost extends PostRequest {
  /** Dispatch key: the message goes out once per key, across retries, restarts and replicas. */
  key: string;
  /** What sort of message (for logs, `redline status` and the outbox's counts). */
  kind: string;
}

export interface UploadRequest {
  channel: string;
  threadTs?: string;
  file: Buffer;
  filename: string;
  title: string;
  initialComment?: string;
}

/**
 * The one way out to Slack. Every service posts, updates, uploads, DMs and publishes Home tabs through it; nothing
 * above it holds a WebClient for writing. Keyed sends are exactly once (the database decides); the others are
 * answers to a person and are sent when asked.
 */
export interface Delivery {
  /** Posts once per `key`. The post, or null when the key is already sent or another instance is sending it. Throws on failure (recorded; tried again later). */
  postOnce(request: KeyedPost): Promise<Posted | null>;
  /** Uploads a file once per `key` (files.uploadV2). True when this call uploaded it. */
  uploadOnce(request: UploadRequest & { key: string; kind: string }): Promise<boolean>;
  /** A post with no key: an answer to someone who asked (an @mention reply, a DM when an ephemeral cannot reach them). */
  post(request: PostRequest): Promise<Posted>;
  /** A direct message to one person. */
  dm(userId: string, message: SlackMessage): Promise<Posted>;
  /** The id of the direct-message channel with one person (conversations.open), e.g. to upload a file there. */
  openDm(userId: string): Promise<string>;
  /** A direct message posted once per `key` in the person's DM channel (conversations.open). */
  dmOnce(request: { key: string; kind: string; userId: string; message: MessageSource }): Promise<Posted | null>;
  /** A message only `user` sees in `channel`. */
  ephemeral(channel: string, user: string, message: SlackMessage): Promise<void>;
  /** Re-renders a posted message in place. */
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  upload(request: UploadRequest): Promise<void>;
  publishHome(userId: string, view: View): Promise<void>;
  /** A person's name, title and language (one users.info call; a failed lookup falls back to the id). */
  lookUpPerson(slackUserId: string, fallback?: Lang): Promise<Actor>;
  /** Whether `userId` is a member of `channel`, asked of Slack (answers kept for `memberCacheMs`, a minute by default). */
  isChannelMember(channel: string, userId: string): Promise<boolean>;
  /** A file someone uploaded (a file_input in a form): its name and bytes, refused past `maxBytes`. */
  readFile(fileId: string, maxBytes: number): Promise<{ name: string; bytes: Buffer }>;
}

export interface DeliveryOptions {
  db: Db;
  client: WebClient;
  logger: Logger;
  /** Recorded on every claim, so an operator can see which process sent what. */
  instanceId: string;
  /** How long a claim is held before another process may reconcile and take it over (default 5 minutes). */
  leaseMs?: number;
  /**
   * The client for sends that must not be repeated blindly (chat.postMessage, files.uploadV2): no retries of its own,
   * 429s handed back. Built from `client`'s token and URL when not given.
   */
  sendClient?: WebClient;
  /** Paces every post and upload (default: the one limiter this process shares). */
  limiter?: RateLimiter;
  /** How long a channel-membership answer is kept (default 60 s; 0 asks Slack every time). */
  memberCacheMs?: number;
}

/** A file larger than the caller takes. */
export class FileTooLarge extends Error {
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`file of ${size} bytes is larger than ${maxBytes}`);
  }
}

/** A client that never retries a call by itself: a retried post Slack already made is a duplicate. */
export function createSendClient(client: WebClient): WebClient {
  return new WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 30_000,
  });
}

async function build(message: MessageSource): Promise<SlackMessage> {
  return typeof message === "function" ? await message() : message;
}

export function createDelivery(options: DeliveryOptions): Delivery {
  const { db, client, logger, instanceId, leaseMs } = options;
  const sendClient = options.sendClient ?? createSendClient(client);
  const limiter = options.limiter ?? processRateLimiter();
  const members = new MembershipCache(options.memberCacheMs ?? 60_000);

  const post = async (request: PostRequest, key?: string): Promise<Posted> =>
    postToChannel(sendClient, request.channel, await build(request.message), logger, {
      threadTs: request.threadTs,
      broadcast: request.broadcast,
      ...(key ? { metadata: dispatchMetadata(key) } : {}),
      limiter,
    });

  const upload = async (request: UploadRequest): Promise<void> => {
    const file = { file: request.file, filename: request.filename, title: request.title };
    const comment = request.initialComment ? { initial_comment: request.initialComment } : {};
    await limiter.run(request.channel, () =>
      request.threadTs
        ? sendClient.files.uploadV2({ channel_id: request.channel, thread_ts: request.threadTs, ...file, ...comment })
        : sendClient.files.uploadV2({ channel_id: request.channel, ...file, ...comment }),
    );
  };

  const postOnce = (request: KeyedPost) =>
    sendOnce(db, request.key, request.kind, instanceId, () => post(request, request.key), {
      channelId: request.channel,
      threadTs: request.threadTs,
      leaseMs,
      logger,
      reconcile: (since) =>
        findInHistory(client, { channel: request.channel, threadTs: request.threadTs, since, match: postWithKey(request.key) }),
    });

  return {
    async dmOnce(request) {
      // A key already sent needs no DM channel opened; only a send we may make does.
      const row = await db.dispatch.findUnique({ where: { key: request.key }, select: { status: true } });
      if (row?.status === "sent") return null;
      const channel = await openDirectMessage(client, request.userId);
      return postOnce({ key: request.key, kind: request.kind, channel, message: request.message });
    },
    postOnce,
    async uploadOnce(request) {
      const done = await sendOnce(
        db,
        request.key,
        request.kind,
        instanceId,
        async () => {
          await upload(request);
          return { channelId: request.channel };
        },
        {
          channelId: request.channel,
          threadTs: request.threadTs,
          leaseMs,
          logger,
          reconcile: (since) =>
            findInHistory(client, {
              channel: request.channel,
              threadTs: request.threadTs,
              since,
              match: uploadNamed(request.filename, request.title),
            }),
        },
      );
      return done !== null;
    },
    post,
    dm: (userId, message) => post({ channel: userId, message }),
    openDm: (userId) => openDirectMessage(client, userId),
    async ephemeral(channel, user, message) {
      await client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks });
    },
    async update(channel, ts, message) {
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    },
    upload,
    async publishHome(userId, view) {
      await client.views.publish({ user_id: userId, view });
    },
    lookUpPerson: (slackUserId, fallback) => lookUpPerson(client, slackUserId, fallback),
    isChannelMember: (channel, userId) =>
      members.isMember(channel, userId, async () => {
        for await (const page of client.paginate("conversations.members", { channel, limit: 200 })) {
          if ((page as { members?: string[] }).members?.includes(userId)) return true;
        }
        return false;
      }),
    async readFile(fileId, maxBytes) {
      const info = await client.files.info({ file: fileId });
      const file = info.file as { name?: string; size?: number; url_private_download?: string; url_private?: string } | undefined;
      const url = file?.url_private_download ?? file?.url_private;
      if (!file || !url) throw new Error(`file ${fileId} has no download URL`);
      if ((file.size ?? 0) > maxBytes) throw new FileTooLarge(file.size ?? 0, maxBytes);
      const res = await fetch(url, { headers: { authorization: `Bearer ${client.token}` }, signal: AbortSignal.timeout(20_000) });
      if (!res.ok) throw new Error(`downloading file ${fileId} answered ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.length > maxBytes) throw new FileTooLarge(bytes.length, maxBytes);
      return { name: file.name ?? fileId, bytes };
    },
  };
}
