import { useMemo } from 'react';
import type { PortalMe } from '../api/portal';
import { portalChat } from './chat-api';
import { ChatThread } from './ChatThread';
import { usePortalLive } from './use-portal-live';
import './chat.css';

/** The portal's Messages tab: the customer's conversation with the business, over the portal's own socket. */
export function PortalChatTab({ me }: { me: PortalMe }) {
  const live = usePortalLive();
  const transport = useMemo(() => portalChat(me.customer.id), [me.customer.id]);
  return (
    <div className="portal-chat">
      <h1 className="portal-title">Messages</h1>
      <p className="portal-lead">Questions about a visit? Write to {me.business.name} here; they usually answer during opening hours.</p>
      <ChatThread transport={transport} live={live} customerId={me.customer.id} peerName={me.business.name} timeZone={me.customer.timezone} />
    </div>
  );
}
