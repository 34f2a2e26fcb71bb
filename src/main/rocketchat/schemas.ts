// Zod schemas for what the server sends. Records are validated at the edge: a malformed one is logged (by id and
// the failing field names, never the message text) and skipped; nothing past this file sees unchecked data.
import { z } from 'zod';
import type { Logger } from './types.js';

const id = z.string().min(1).max(256);
const date = z.date();

/* ---- DDP frames (after EJSON decoding; the sdk's driver routes the rest) ---- */

/** The error object of a refused method or sub. */
export const DdpError = z.object({
  error: z.union([z.string(), z.number()]).optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
}).loose();
export type DdpError = z.infer<typeof DdpError>;

/** A stream event. */
export const ChangedFrame = z.object({
  msg: z.literal('changed'),
  collection: z.string(),
  id: z.string().optional(),
  fields: z.object({ eventName: z.string(), args: z.array(z.unknown()) }).loose().optional(),
});

/* ---- Server records ---- */

export const MessageRecord = z.object({
  _id: id,
  rid: id,
  msg: z.string().default(''),
  ts: date,
  u: z.object({ _id: id, username: z.string(), name: z.string().optional() }).loose(),
  t: z.string().optional(),
  tmid: z.string().optional(),
  tshow: z.boolean().optional(),
  tcount: z.number().int().nonnegative().optional(),
  tlm: date.optional(),
  /** Uploads and quotes; read by attachments.ts entry by entry (one malformed entry drops only itself). */
  attachments: z.array(z.unknown()).optional(),
  editedAt: date.optional(),
  _updatedAt: date.optional(),
  /** The parsed markup (7.x+): checked node by node where it is read (src/main/chat/markup.ts). */
  md: z.array(z.unknown()).optional(),
  reactions: z.record(z.string(), z.object({ usernames: z.array(z.string()) }).loose()).optional(),
  /** `subscription-role-added` / `-removed`: which role. */
  role: z.string().optional(),
}).loose();
export type MessageRecord = z.infer<typeof MessageRecord>;

export const SubscriptionRecord = z.object({
  _id: z.string().optional(),
  rid: id,
  t: z.string(),
  name: z.string(),
  fname: z.string().optional(),
  unread: z.number().int().nonnegative().optional(),
  open: z.boolean().optional(),
  /** When the user joined the room. */
  ts: date.optional(),
  ls: date.optional(),
  archived: z.boolean().optional(),
  _updatedAt: date.optional(),
}).loose();
export type SubscriptionRecord = z.infer<typeof SubscriptionRecord>;

export const RoomRecord = z.object({
  _id: id,
  t: z.string(),
  name: z.string().optional(),
  fname: z.string().optional(),
  uids: z.array(z.string()).optional(),
  usernames: z.array(z.string()).optional(),
  ro: z.boolean().optional(),
  encrypted: z.boolean().optional(),
  archived: z.boolean().optional(),
  muted: z.array(z.string()).optional(),
  lm: date.optional(),
  _updatedAt: date.optional(),
}).loose();
export type RoomRecord = z.infer<typeof RoomRecord>;

export const UserRecord = z.object({
  _id: id,
  username: z.string(),
  name: z.string().optional(),
  status: z.string().optional(),
}).loose();
export type UserRecord = z.infer<typeof UserRecord>;

// tokenExpires is not read: a personal access token's login answers an invalid date ({"$date": null}).
export const LoginResult = z.object({ id, token: z.string().min(1) }).loose();

export const Removed = z.object({ _id: id }).loose();

/** `<rid>/deleteMessageBulk` (retention, prune): the ids when the server names them, else a time range and authors. */
export const BulkDeletion = z.object({
  rid: id,
  ids: z.array(id).optional(),
  ts: z.object({ $gte: date.optional(), $gt: date.optional(), $lte: date.optional(), $lt: date.optional() }).loose().optional(),
  users: z.array(z.string()).optional(),
}).loose();

/** `<uid>/message`: a notice only we see, e.g. why the server dropped our send. Its text is the server's. */
export const EphemeralNotice = z.object({ rid: id, msg: z.string() }).loose();

/** `rooms/get` and `subscriptions/get`: a list, or with a date {update, remove}. */
export const SyncResult = z.union([
  z.array(z.unknown()),
  z.object({ update: z.array(z.unknown()).default([]), remove: z.array(z.unknown()).default([]) }).loose(),
]);

export const HistoryResult = z.union([
  z.literal(false),
  z.null(),
  z.object({ messages: z.array(z.unknown()) }).loose(),
]);

/** `messages/get` with `lastUpdate`: messages updated since, and `{_id, _deletedAt}` of those deleted since. */
export const RoomChangesResult = z.object({
  updated: z.array(z.unknown()).default([]),
  deleted: z.array(z.unknown()).default([]),
}).loose();

export const SpotlightResult = z.object({ users: z.array(z.unknown()).default([]) }).loose();

export const DirectRoomResult = z.object({ rid: id }).loose();

export const PublicSetting = z.object({ _id: z.string(), value: z.unknown() }).loose();

/** `user-status` args[0]: [uid, username, statusCode, statusText?, name?, roles?]. */
export const UserStatusArgs = z.tuple([id, z.string(), z.number().int()]).rest(z.unknown());

export const UserActivityArgs = z.tuple([z.string(), z.array(z.string())]).rest(z.unknown());

export const ApiInfo = z.object({ version: z.string().min(1) }).loose();

export const MeResult = z.object({ _id: id, username: z.string(), name: z.string().optional() }).loose();

/** Validates each record; malformed ones are reported without their content and left out. */
export function parseEach<T>(schema: z.ZodType<T>, items: readonly unknown[], what: string, logger: Logger): T[] {
  const out: T[] = [];
  for (const item of items) {
    const parsed = parseOne(schema, item, what, logger);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

export function parseOne<T>(schema: z.ZodType<T>, item: unknown, what: string, logger: Logger): T | undefined {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const recordId = typeof item === 'object' && item !== null && '_id' in item && typeof item._id === 'string'
    ? item._id.slice(0, 64) : undefined;
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))].join(', ');
  logger.warn(`[rocketchat] skipped malformed ${what}${recordId ? ` ${recordId}` : ''}: bad ${fields}`);
  return undefined;
}
