import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCustomer } from '../api/customers';
import { messageOf } from '../api/errors';
import { useSession } from '../auth/session-context';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { useLive } from '../live/live-context';
import { useLiveRefetch } from '../live/use-live-refetch';
import { chatInbox, staffChat } from './chat-api';
import { ChatThread } from './ChatThread';
import './chat.css';

/** /chat and /chat/:customerId: the inbox of customer conversations and the open one. */
export function ChatPage() {
  const { customerId } = useParams();
  const [q, setQ] = useState('');
  const inbox = useQuery({ queryKey: ['chat', 'conversations', q], queryFn: () => chatInbox.conversations({ q: q.trim() || undefined }) });
  useLiveRefetch(useLive().subscribe, ['chat', 'conversations'], (event) => event.type === 'chat.message' || event.type === 'chat.read');

  return (
    <div className="page">
      <PageHeader title="Chat" subtitle="Conversations with your customers, live." />
      <div className="chat-page">
        <nav className="chat-inbox" aria-label="Conversations" data-testid="chat-inbox">
          <div className="chat-inbox-search">
            <input type="search" aria-label="Search conversations by customer" placeholder="Search customers" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          {inbox.isPending && <Spinner label="Loading conversations" />}
          {inbox.isError && <p className="chat-empty">{messageOf(inbox.error)}</p>}
          {inbox.data?.items.length === 0 && <p className="chat-empty">No conversations yet.</p>}
          <ul>
            {inbox.data?.items.map((c) => (
              <li key={c.id}>
                <Link to={`/chat/${c.customerId}`} className={`chat-inbox-item${c.customerId === customerId ? ' is-active' : ''}`} data-testid="chat-inbox-item">
                  <span className="chat-inbox-name">
                    {c.customerName}
                    {c.unreadForStaff > 0 && (
                      <span className="chat-unread-badge" aria-label={`${c.unreadForStaff} unread`}>
                        {c.unreadForStaff}
                      </span>
                    )}
                  </span>
                  <span className="chat-inbox-preview">
                    {c.lastMessage ? `${c.lastMessage.sender === 'staff' ? 'You: ' : ''}${c.lastMessage.body || (c.lastMessage.hasAttachment ? 'Attachment' : '')}` : ''}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {customerId ? <StaffThread customerId={customerId} /> : <EmptyState title="Pick a conversation">Or open a customer and start one from their page.</EmptyState>}
      </div>
    </div>
  );
}

function StaffThread({ customerId }: { customerId: string }) {
  const live = useLive();
  const { timezone } = useSession().tenant;
  const customer = useCustomer(customerId);
  const transport = useMemo(() => staffChat(customerId), [customerId]);
  if (customer.isError) return <p className="chat-empty">{messageOf(customer.error)}</p>;
  return <ChatThread key={customerId} transport={transport} live={live} customerId={customerId} peerName={customer.data?.name ?? 'the customer'} timeZone={timezone} />;
}
