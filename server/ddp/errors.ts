// Meteor.Error as it travels over DDP: {isClientSafe, error, reason, message, errorType, details?}.

export type ErrorCode = string | number;

export class MeteorError extends Error {
  readonly error: ErrorCode;
  readonly reason: string | undefined;
  readonly details: unknown;

  constructor(error: ErrorCode, reason?: string, details?: unknown) {
    super(reason === undefined ? `[${String(error)}]` : `${reason} [${String(error)}]`);
    this.name = 'MeteorError';
    this.error = error;
    this.reason = reason;
    this.details = details;
  }
}

export interface WireError {
  isClientSafe: true;
  error: ErrorCode;
  reason?: string;
  message: string;
  errorType: 'Meteor.Error';
  details?: unknown;
}

/** Serialises any thrown value the way Meteor does: client-safe errors as-is, everything else as a 500. */
export function toWireError(thrown: unknown): WireError {
  const err = thrown instanceof MeteorError ? thrown : new MeteorError(500, 'Internal server error');
  const wire: WireError = { isClientSafe: true, error: err.error, message: err.message, errorType: 'Meteor.Error' };
  if (err.reason !== undefined) wire.reason = err.reason;
  if (err.details !== undefined) wire.details = err.details;
  return wire;
}

export const matchFailed = (): MeteorError => new MeteorError(400, 'Match failed');

export const invalidUser = (method: string): MeteorError =>
  new MeteorError('error-invalid-user', 'Invalid user', { method });

/** The text and details Meteor's DDPRateLimiter uses when a rule is exceeded. */
export function tooManyRequests(timeToReset: number): MeteorError {
  const seconds = Math.ceil(timeToReset / 1000);
  return new MeteorError(
    'too-many-requests',
    `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying again.`,
    { timeToReset },
  );
}
