import type { ServerContext } from '../context.js';
import { createChannel, ensureDirectRoom } from '../services/rooms.js';
import { createUser } from '../services/users.js';
import type { UserRecord } from './types.js';

/**
 * The demo world: alice, bob and carol (password "demo") in #general, plus the bot rocket.cat. With `rooms`, a
 * large account: alice is also in that many channels (`room-1`…, with bob and carol) and has a DM with each of
 * half as many generated users (`user-1`…, password "demo").
 */
// On a plain server the people are created as an admin's `users.create` does without `verified`: unverified
// addresses, so the default e-mail 2FA (opted in, but only for verified addresses) asks them nothing. Under --ldap
// or --sso they came from the directory or the identity provider, which Rocket.Chat gives verified addresses
// (Accounts_Verify_Email_For_External_Accounts, default on): the default e-mail 2FA asks them for a code.
export function seedDemo(ctx: ServerContext, rooms = 0): void {
  const people = [
    { username: 'alice', name: 'Alice' },
    { username: 'bob', name: 'Bob' },
    { username: 'carol', name: 'Carol' },
  ].map((entry) => ctx.state.userByUsername(entry.username) ?? createPerson(ctx, entry));
  if (!ctx.state.userByUsername('rocket.cat')) {
    createUser(ctx, { username: 'rocket.cat', name: 'Rocket.Cat', password: 'demo', bot: true });
  }
  if (!ctx.state.channelByName('general')) createChannel(ctx, 'general', people);
  if (rooms > 0) seedLargeAccount(ctx, rooms);
}

function createPerson(ctx: ServerContext, person: { username: string; name: string }): UserRecord {
  const external = ctx.options.ldap || ctx.options.sso.length > 0;
  return createUser(ctx, { ...person, password: 'demo', emailVerified: external });
}

function seedLargeAccount(ctx: ServerContext, rooms: number): void {
  const member = (username: string): UserRecord => {
    const user = ctx.state.userByUsername(username);
    if (!user) throw new Error(`No such user: ${username}`);
    return user;
  };
  const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(member) as [UserRecord, UserRecord, UserRecord];
  for (let i = 1; i <= rooms; i += 1) {
    if (!ctx.state.channelByName(`room-${i}`)) createChannel(ctx, `room-${i}`, [alice, bob, carol]);
  }
  for (let i = 1; i <= Math.ceil(rooms / 2); i += 1) {
    const peer = ctx.state.userByUsername(`user-${i}`) ?? createPerson(ctx, { username: `user-${i}`, name: `User ${i}` });
    ensureDirectRoom(ctx, [alice, peer]);
  }
}
