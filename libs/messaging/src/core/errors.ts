/** A publisher tried to send an event whose payload breaks its schema: a bug in the caller. */
export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: string,
  ) {
    super(`invalid ${eventType} event: ${issues}`);
    this.name = 'InvalidEventError';
  }
}

export class InvalidCommandError extends Error {
  constructor(
    readonly command: string,
    readonly issues: string,
  ) {
    super(`invalid ${command} request: ${issues}`);
    this.name = 'InvalidCommandError';
  }
}

export class CommandTimeoutError extends Error {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`command ${command} got no reply within ${timeoutMs} ms`);
    this.name = 'CommandTimeoutError';
  }
}

/** No queue is bound for the command: the app that answers it is not running. */
export class CommandUnroutableError extends Error {
  constructor(readonly command: string) {
    super(`no service is consuming command ${command}`);
    this.name = 'CommandUnroutableError';
  }
}

/** The answering app replied with an error. `code` comes from the remote side. */
export class CommandFailedError extends Error {
  constructor(
    readonly command: string,
    readonly code: string,
    message: string,
  ) {
    super(`command ${command} failed (${code}): ${message}`);
    this.name = 'CommandFailedError';
  }
}

/** Thrown by a command handler to reply with a specific error code instead of `handler_error`. */
export class CommandRejection extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRejection';
  }
}
