// The sign-in that survives a restart: server, user and resume token, kept in the injected SecretStore (which
// encrypts at rest). Nothing else of the account is stored.
import { z } from 'zod';
import type { SecretStore } from '../../otr/ports.js';
import type { Logger } from './types.js';

const SECRET_NAME = 'rocketchat.session';
// The last server signed in to, kept after sign-out so the sign-in form offers it again.
const LAST_SERVER_NAME = 'rocketchat.last-server';

export const SavedSession = z.object({
  serverUrl: z.string().min(1),
  serverVersion: z.string().optional(),
  userId: z.string().min(1),
  token: z.string().min(1),
  personalAccessToken: z.boolean().optional(),
  username: z.string().min(1),
  name: z.string().optional(),
});
export type SavedSession = z.infer<typeof SavedSession>;

export class SessionStore {
  constructor(private readonly secrets: SecretStore, private readonly logger: Logger) {}

  async read(): Promise<SavedSession | null> {
    const raw = await this.secrets.read(SECRET_NAME);
    if (raw === null) return null;
    try {
      return SavedSession.parse(JSON.parse(raw));
    } catch {
      this.logger.warn('[rocketchat] the stored sign-in is unreadable; it is discarded');
      await this.secrets.remove(SECRET_NAME);
      return null;
    }
  }

  write(session: SavedSession): Promise<void> {
    return this.secrets.write(SECRET_NAME, JSON.stringify(session));
  }

  clear(): Promise<void> {
    return this.secrets.remove(SECRET_NAME);
  }

  async lastServer(): Promise<string | undefined> {
    return (await this.secrets.read(LAST_SERVER_NAME)) ?? undefined;
  }

  rememberServer(serverUrl: string): Promise<void> {
    return this.secrets.write(LAST_SERVER_NAME, serverUrl);
  }
}
