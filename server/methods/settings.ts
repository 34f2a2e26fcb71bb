import { checkOptionalDate } from '../ddp/check.js';
import type { ServerContext } from '../context.js';
import { ssoPublicSettings } from '../auth/sso/services.js';
import { hasNativeOtr } from '../versions.js';
import type { MethodHandler } from './types.js';

const startedAt = new Date();

/** Rocket.Chat's default FileUpload_MediaTypeBlackList (settings file.ts): SVG can carry script. */
export const MEDIA_TYPE_BLACKLIST = 'image/svg+xml';

/** The public settings a client reads; values follow the server's options. */
export function publicSettings(ctx: ServerContext): { _id: string; value: unknown; _updatedAt: Date }[] {
  const entries: [string, unknown][] = [
    ['Site_Name', 'OTR Desk local server'],
    ['Site_Url', ctx.url()],
    ['Message_MaxAllowedSize', ctx.options.maxMessageSize],
    ['Message_ShowDeletedStatus', ctx.options.showDeletedStatus],
    ['FileUpload_Enabled', true],
    ['FileUpload_MaxFileSize', ctx.options.maxFileSize],
    ['FileUpload_MediaTypeWhiteList', ''],
    ['FileUpload_MediaTypeBlackList', MEDIA_TYPE_BLACKLIST],
    ['Accounts_TwoFactorAuthentication_Enabled', true],
    ['Accounts_AllowAnonymousRead', false],
    ['UI_Use_Real_Name', false],
    ['Threads_enabled', true],
    ['E2E_Enable', false],
    ['LDAP_Enable', ctx.options.ldap],
    ['Accounts_TwoFactorAuthentication_By_Email_Enabled', ctx.options.twoFactor === 'email'],
    ['Accounts_EmailVerification', ctx.options.emailVerification],
    ['Accounts_ShowFormLogin', true],
    ...ssoPublicSettings(ctx),
    // 8.x removed the setting (RocketChat/Rocket.Chat#37959), so it is absent there, not false.
    ...(hasNativeOtr(ctx.options) ? [['OTR_Enable', ctx.options.otrEnable] as [string, unknown]] : []),
  ];
  return entries.map(([_id, value]) => ({ _id, value, _updatedAt: startedAt }));
}

export const settingsMethods: Record<string, MethodHandler> = {
  'public-settings/get'(call, [since]) {
    checkOptionalDate(since);
    const settings = publicSettings(call.ctx);
    if (!since) return settings;
    return { update: settings.filter((s) => s._updatedAt.getTime() > since.getTime()), remove: [] };
  },
};
