import type { AuthenticatedUser, RequestContext } from '../../context';

/**
 * Who changes an appointment: a signed-in user (the API), or the system acting for a customer
 * (a Twilio reply), which has no user. Audit rows record the user or the `actor`.
 */
export type DomainContext = Pick<RequestContext, 'em' | 'tenantId' | 'requestId' | 'logger'> & {
  user?: AuthenticatedUser;
  /** Describes a non-user actor in audit logs, e.g. "customer via SMS". */
  actor?: string;
};
