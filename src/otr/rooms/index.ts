export { RoomSessions, DEFAULT_REQUEST_TIMEOUT_MS, type RoomSessionsDeps, type RoomSessionsOptions } from './room-sessions.js';
export type { Peer } from './room.js';
