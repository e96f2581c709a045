import type { EmailProvider, SendResult, SmsProvider } from './types';

/**
 * The development default: the Message row is the message. Nothing leaves the machine; the
 * message log (GET /api/messages) shows what would have been sent.
 */
export function createOutboxProvider(): SmsProvider & EmailProvider {
  const accept = async (request: { messageId: string }): Promise<SendResult> => ({
    providerMessageId: `outbox-${request.messageId}`,
    status: 'sent',
  });
  return { name: 'outbox', send: accept };
}
