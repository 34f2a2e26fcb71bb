import type { PasswordHash } from '../auth/password.js';

// Records shaped like Rocket.Chat's MongoDB documents (IUser, IRoom, ISubscription, IMessage), reduced to the
// fields a chat client reads.

export type UserStatus = 'online' | 'away' | 'busy' | 'offline';

export interface LoginToken {
  hashedToken: string;
  when: Date;
  type?: 'personalAccessToken';
  name?: string;
}

export interface UserRecord {
  _id: string;
  username: string;
  name: string;
  emails: { address: string; verified: boolean }[];
  type: 'user' | 'bot';
  roles: string[];
  active: boolean;
  status: UserStatus;
  statusDefault: UserStatus;
  statusText: string;
  statusConnection: 'online' | 'away' | 'offline';
  utcOffset: number;
  createdAt: Date;
  _updatedAt: Date;
  services: {
    password: PasswordHash;
    totp?: { enabled: true; secret: string };
    /** E-mail 2FA opt-in; Rocket.Chat sets it on every user created while By_Email_Auto_Opt_In is on. */
    email2fa?: { enabled: boolean; changedAt: Date };
    resume: { loginTokens: LoginToken[] };
  };
}

export interface UserRef {
  _id: string;
  username: string;
  name?: string;
}

export interface MessageRecord {
  _id: string;
  rid: string;
  msg: string;
  ts: Date;
  u: UserRef;
  _updatedAt: Date;
  urls: unknown[];
  mentions: UserRef[];
  channels: unknown[];
  t?: string;
  tmid?: string;
  tshow?: boolean;
  groupable?: boolean;
  bot?: Record<string, unknown>;
  content?: Record<string, unknown>;
  e2e?: string;
  e2eMentions?: Record<string, unknown>;
  customFields?: Record<string, unknown>;
  federation?: Record<string, unknown>;
  sentByEmail?: boolean;
  editedAt?: Date;
  editedBy?: UserRef;
  /** The parsed markup (Rocket.Chat's message-parser), from 7.x on. */
  md?: unknown[];
  /** Quotes (one entry per permalink to a message of this server, with `message_link`) and uploaded files. */
  attachments?: Record<string, unknown>[];
  /** `setReaction`: emoji (`:name:`) → who reacted. */
  reactions?: Record<string, { usernames: string[] }>;
  /** Thread parents: how many replies, the last reply's time, who replied. */
  tcount?: number;
  tlm?: Date;
  replies?: string[];
  /** Uploads (`rooms.upload`, `rooms.mediaConfirm`): the file and how clients show it. */
  file?: FileRef;
  files?: FileRef[];
}

export interface FileRef {
  _id: string;
  name: string;
  type: string;
  size: number;
  format?: string;
}

export interface RoomRecord {
  _id: string;
  t: 'd' | 'c';
  name?: string;
  fname?: string;
  usernames?: string[];
  uids?: string[];
  u?: UserRef;
  msgs: number;
  usersCount: number;
  ts: Date;
  _updatedAt: Date;
  lm?: Date;
  lastMessage?: MessageRecord;
  default: boolean;
  ro: boolean;
  sysMes: boolean;
  /** Usernames that may not post here. */
  muted?: string[];
  /** Rocket.Chat E2E room: only `t: 'e2e'` messages are accepted. */
  encrypted?: boolean;
  /** An archived room refuses every send. */
  archived?: boolean;
}

export interface SubscriptionRecord {
  _id: string;
  rid: string;
  u: UserRef;
  t: 'd' | 'c';
  name: string;
  fname: string;
  open: boolean;
  alert: boolean;
  unread: number;
  userMentions: number;
  groupMentions: number;
  ts: Date;
  ls: Date;
  _updatedAt: Date;
  roles?: string[];
  /** Set on every member's subscription while the room is archived. */
  archived?: boolean;
}

/** Everything the server persists; connections, presence per connection and rate counters are not persisted. */
export interface Snapshot {
  format: 1;
  users: UserRecord[];
  rooms: RoomRecord[];
  subscriptions: SubscriptionRecord[];
  /** Every stored message, in the order the server stored them. */
  messages: MessageRecord[];
  /** Deleted messages as the trash keeps them (absent in files written before it existed). */
  messageTrash?: TrashedMessage[];
}

export interface TrashedMessage {
  _id: string;
  rid: string;
  ts: Date;
  _deletedAt: Date;
}
