import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveFrame } from '../live/live-client';
import type { ChatLive } from './use-portal-live';
import type { ChatSender } from './chat-api';

/** How long "typing…" stays up after the last typing signal, and how often one is sent while typing. */
const showForMs = 4_000;
const sendEveryMs = 2_500;

/**
 * Both halves of the typing indicator: whether the other side is typing in this conversation
 * (from `chat.typing` events), and a throttled `typed()` that tells them we are.
 */
export function useTyping(live: Pick<ChatLive, 'send' | 'subscribe'>, customerId: string, side: ChatSender) {
  const [otherTyping, setOtherTyping] = useState<{ name?: string } | null>(null);
  const lastSent = useRef(0);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = live.subscribe((event) => {
      if (event.data.customerId !== customerId) return;
      if (event.type === 'chat.typing' && event.data.by !== side) {
        setOtherTyping({ name: typeof event.data.name === 'string' ? event.data.name : undefined });
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => setOtherTyping(null), showForMs);
      }
      // Their message has arrived: they stopped typing.
      if (event.type === 'chat.message' && event.data.sender !== side) setOtherTyping(null);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [live, customerId, side]);

  const typed = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current < sendEveryMs) return;
    const frame: LiveFrame = side === 'staff' ? { type: 'typing', customerId } : { type: 'typing' };
    if (live.send(frame)) lastSent.current = now;
  }, [live, customerId, side]);

  return { otherTyping, typed };
}
