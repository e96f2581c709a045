import { InterceptingCall, type Interceptor, Metadata, status } from '@grpc/grpc-js';

type NextCall = ConstructorParameters<typeof InterceptingCall>[0];

/** A call that never reaches a channel: every operation is a no-op. */
const detached: NextCall = {
  cancelWithStatus() {},
  getPeer: () => '',
  start() {},
  sendMessageWithContext() {},
  sendMessage() {},
  startRead() {},
  halfClose() {},
  getAuthContext: () => null,
};

/**
 * A gRPC interceptor placed under Temporal's retry interceptor. A call that fails with a retryable
 * status as the connection closes (a shutdown) is retried from a timer; against the closed channel
 * that retry throws "Channel has been shut down" out of the timer, an uncaught exception that takes
 * the process down. Here the retry gets a CANCELLED status instead, which is not retried, and the
 * caller's promise rejects as for any other failed call.
 */
export const closedChannelGuard: Interceptor = (options, nextCall) => {
  try {
    return new InterceptingCall(nextCall(options));
  } catch (err) {
    const details = err instanceof Error ? err.message : String(err);
    return new InterceptingCall(detached, {
      start(_metadata, listener) {
        setImmediate(() => listener.onReceiveStatus({ code: status.CANCELLED, details, metadata: new Metadata() }));
      },
      sendMessage() {},
      halfClose() {},
      cancel() {},
    });
  }
};
