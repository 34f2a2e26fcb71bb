import { authMethods } from './auth.js';
import { messageEditMethods } from './message-edits.js';
import { messageMethods } from './messages.js';
import { otrMethods } from './otr.js';
import { presenceMethods } from './presence.js';
import { roomMethods } from './rooms.js';
import { settingsMethods } from './settings.js';
import { streamMethods } from './streams.js';
import { threadMethods } from './threads.js';
import type { MethodHandler } from './types.js';

export const METHODS: ReadonlyMap<string, MethodHandler> = new Map(Object.entries({
  ...authMethods,
  ...roomMethods,
  ...messageMethods,
  ...messageEditMethods,
  ...otrMethods,
  ...presenceMethods,
  ...settingsMethods,
  ...streamMethods,
  ...threadMethods,
}));
