import type { ServerContext } from '../context.js';
import { createChannel } from '../services/rooms.js';
import { createUser } from '../services/users.js';

/** The demo world: alice, bob and carol (password "demo") in #general, plus the bot rocket.cat. */
export function seedDemo(ctx: ServerContext): void {
  const people = [
    { username: 'alice', name: 'Alice' },
    { username: 'bob', name: 'Bob' },
    { username: 'carol', name: 'Carol' },
  ].map((entry) => ctx.state.userByUsername(entry.username) ?? createUser(ctx, { ...entry, password: 'demo' }));
  if (!ctx.state.userByUsername('rocket.cat')) {
    createUser(ctx, { username: 'rocket.cat', name: 'Rocket.Cat', password: 'demo', bot: true });
  }
  if (!ctx.state.channelByName('general')) createChannel(ctx, 'general', people);
}
