// The Rocket.Chat connection of the main process. See README.md for the design and its guarantees.
export { createRocketChatClient } from './client.js';
export { RcError, toErrorInfo } from './errors.js';
export { normalizeServerUrl, websocketUrl } from './url.js';
export { newMessageId, isMessageId } from './message-id.js';
export { realClock, type Clock } from './clock.js';
export { openWebSocket, type FrameSocket, type SocketFactory, type SocketHandlers } from './socket.js';
export {
  defaultOptions,
  type Delivery,
  type HistoryCursor,
  type Logger,
  type RcAuthor,
  type RcHistoryPage,
  type RcMessage,
  type RocketChatClient,
  type RocketChatDeps,
  type RocketChatOptions,
  type SendHandle,
  type ServerInfo,
  type TokenLogin,
} from './types.js';
