import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError, messageOf } from '../api/errors';
import { Spinner } from '../components/Spinner';
import { useLiveRefetch } from '../live/use-live-refetch';
import { attachmentAccept, type ChatMessage, type ChatTransport, maxAttachmentBytes } from './chat-api';
import { ChatAttachment } from './ChatAttachment';
import type { ChatLive } from './use-portal-live';
import { useTyping } from './use-typing';
import './chat.css';

const timeOf = (iso: string, timeZone?: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });

/**
 * One conversation, for either side: history (paging back), live updates, the other side's
 * typing indicator, read receipts under our own messages, and a composer with attachments.
 */
export function ChatThread({ transport, live, customerId, peerName, timeZone }: { transport: ChatTransport; live: Pick<ChatLive, 'send' | 'subscribe' | 'status'>; customerId: string; peerName: string; timeZone?: string }) {
  const queryClient = useQueryClient();
  const history = useInfiniteQuery({
    queryKey: transport.key,
    queryFn: ({ pageParam }) => transport.history(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const messages = useMemo(() => (history.data?.pages.flatMap((p) => p.items) ?? []).slice().reverse(), [history.data]);
  const { otherTyping, typed } = useTyping(live, customerId, transport.side);
  useLiveRefetch(live.subscribe, transport.key, (event) => (event.type === 'chat.message' || event.type === 'chat.read') && event.data.customerId === customerId);
  const [body, setBody] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const lastRead = useRef<string | null>(null);
  const inputId = useId();

  // Seeing the newest message from the other side reads the conversation up to it.
  const newest = messages.at(-1);
  useEffect(() => {
    if (!newest || newest.sender === transport.side || lastRead.current === newest.id || document.hidden) return;
    lastRead.current = newest.id;
    transport.read(newest.id).catch(() => (lastRead.current = null));
  }, [newest, transport]);

  // Newer Chromium returns a promise from scrollIntoView: keep it out of the effect's return value.
  useEffect(() => {
    void bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, otherTyping]);

  const send = useMutation({
    mutationFn: () => (file ? transport.attach(file, body) : transport.send(body)),
    onSuccess: () => {
      setBody('');
      setFile(null);
      setProblem(null);
      if (fileInput.current) fileInput.current.value = '';
      void queryClient.invalidateQueries({ queryKey: transport.key });
    },
    onError: (error) => {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      setProblem(fields.file ? `${messageOf(error)}` : fields.body ? `Message ${fields.body}` : messageOf(error));
    },
  });

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (send.isPending || (!body.trim() && !file)) return;
    send.mutate();
  };
  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };
  const pick = (picked: File | undefined) => {
    if (picked && picked.size > maxAttachmentBytes) {
      setProblem(`${picked.name} is larger than 5 MB`);
      if (fileInput.current) fileInput.current.value = '';
      return;
    }
    setProblem(null);
    setFile(picked ?? null);
  };
  const lastOwn = [...messages].reverse().find((m) => m.sender === transport.side);

  return (
    <section className="chat-thread" data-testid="chat-thread" aria-label={`Conversation with ${peerName}`}>
      <div className="chat-messages" role="log" aria-live="polite">
        {history.isPending && <Spinner label="Loading messages" />}
        {history.isError && <p className="chat-empty">{messageOf(history.error)}</p>}
        {history.hasNextPage && (
          <button type="button" className="btn btn-ghost btn-sm chat-earlier" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
            {history.isFetchingNextPage ? 'Loading…' : 'Earlier messages'}
          </button>
        )}
        {!history.isPending && messages.length === 0 && <p className="chat-empty">No messages yet. Say hello to {peerName}.</p>}
        {messages.map((message) => (
          <MessageBubble key={message.id} message={message} own={message.sender === transport.side} receipt={message.id === lastOwn?.id} transport={transport} timeZone={timeZone} />
        ))}
        {otherTyping && (
          <p className="chat-typing" data-testid="chat-typing">
            {otherTyping.name ?? peerName} is typing…
          </p>
        )}
        <div ref={bottom} />
      </div>
      <form className="chat-composer" onSubmit={submit}>
        <label htmlFor={inputId} className="chat-sr-only">
          Message to {peerName}
        </label>
        <textarea
          id={inputId}
          data-testid="chat-input"
          rows={2}
          maxLength={4000}
          placeholder={`Message ${peerName}`}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            if (e.target.value) typed();
          }}
          onKeyDown={onKey}
        />
        <div className="chat-composer-actions">
          <label className="btn btn-ghost btn-sm chat-file-label">
            Attach
            <input ref={fileInput} type="file" accept={attachmentAccept} data-testid="chat-file" className="chat-sr-only" onChange={(e) => pick(e.target.files?.[0])} />
          </label>
          {file && <span className="chat-file-name">{file.name}</span>}
          <button type="submit" className="btn btn-primary btn-sm" data-testid="chat-send" disabled={send.isPending || (!body.trim() && !file)}>
            {send.isPending ? 'Sending…' : 'Send'}
          </button>
        </div>
        {problem && (
          <p className="chat-problem" role="alert">
            {problem}
          </p>
        )}
        {live.status !== 'open' && <p className="chat-offline">Reconnecting — new messages will appear when the connection is back.</p>}
      </form>
    </section>
  );
}

function MessageBubble({ message, own, receipt, transport, timeZone }: { message: ChatMessage; own: boolean; receipt: boolean; transport: ChatTransport; timeZone?: string }) {
  return (
    <article className={`chat-message${own ? ' chat-message-own' : ''}`} data-testid="chat-message" data-sender={message.sender}>
      {message.body && <p className="chat-body">{message.body}</p>}
      {message.attachment && <ChatAttachment attachment={message.attachment} transport={transport} />}
      <footer className="chat-meta">
        <time dateTime={message.createdAt}>{timeOf(message.createdAt, timeZone)}</time>
        {own && receipt && (
          <span className="chat-receipt" data-testid="chat-receipt" data-read={message.read}>
            {message.read ? 'Read' : 'Sent'}
          </span>
        )}
      </footer>
    </article>
  );
}
