import { useEffect, useRef } from 'react';
import type { LiveFrame, LiveStatus } from '../live/live-client';

/** No keyboard, pointer or scroll for this long (or a hidden tab) makes the user away. */
export const idleAfterMs = 5 * 60_000;

const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The idle signal behind staff presence: tells the live socket `away` after `idleAfterMs`
 * without input or when the tab is hidden, and `online` on the next input. A (re)connected
 * socket starts online on the server, so the current state is sent again whenever it opens.
 */
export function useIdlePresence(status: LiveStatus, send: (frame: LiveFrame) => boolean, idleMs = idleAfterMs): void {
  const state = useRef<'online' | 'away'>('online');

  useEffect(() => {
    if (status !== 'open') return;
    if (state.current === 'away') send({ type: 'presence', state: 'away' });
  }, [status, send]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const become = (next: 'online' | 'away') => {
      if (state.current === next) return;
      state.current = next;
      send({ type: 'presence', state: next });
    };
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => become('away'), idleMs);
    };
    let lastInput = 0;
    const onInput = () => {
      const now = Date.now();
      // Pointer moves come in bursts: re-arm at most once a second.
      if (now - lastInput < 1_000 && state.current === 'online') return;
      lastInput = now;
      become('online');
      arm();
    };
    const onVisibility = () => {
      if (document.hidden) become('away');
      else onInput();
    };
    for (const name of activityEvents) window.addEventListener(name, onInput, { passive: true });
    document.addEventListener('visibilitychange', onVisibility);
    arm();
    return () => {
      if (timer) clearTimeout(timer);
      for (const name of activityEvents) window.removeEventListener(name, onInput);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [send, idleMs]);
}
