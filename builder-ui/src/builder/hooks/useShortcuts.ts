import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { clipFromText, readClip, writeClip } from '../store/clipboard';
import type { EditorStore } from '../store/editor-store';

export const SHORTCUTS: Array<[string, string]> = [
  ['Ctrl/⌘ Z', 'Undo'],
  ['Ctrl/⌘ Shift Z, Ctrl Y', 'Redo'],
  ['Ctrl/⌘ C / X / V', 'Copy, cut, paste steps'],
  ['Ctrl/⌘ D', 'Duplicate'],
  ['Ctrl/⌘ A', 'Select all'],
  ['Delete, Backspace', 'Delete the selection'],
  ['Shift 1', 'Fit view'],
  ['Shift L', 'Auto layout'],
  ['Esc', 'Clear the selection'],
];

/** Text fields keep the browser's own undo and copy; canvas shortcuts apply everywhere else. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(store: EditorStore, enabled = true) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.defaultPrevented) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const s = store.getState();
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (mod && key === 'z' && !e.shiftKey) return run(s.undo);
      if ((mod && key === 'z' && e.shiftKey) || (mod && key === 'y')) return run(s.redo);
      if (mod && key === 'a') return run(s.selectAll);
      if (mod && (key === 'c' || key === 'x')) {
        const clip = s.copySelection();
        if (!clip) return;
        return run(() => {
          writeClip(clip);
          if (key === 'x') s.deleteSelection();
        });
      }
      if (mod && key === 'v') {
        // Copied here: paste at once. Otherwise let the paste event read the system clipboard.
        const clip = readClip();
        if (clip) run(() => s.paste(clip));
        return;
      }
      if (mod && key === 'd') {
        const clip = s.copySelection();
        if (clip) run(() => s.paste(clip));
        return;
      }
      if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) return run(s.deleteSelection);
      if (e.key === 'Escape') return run(() => s.select([], []));
      if (e.shiftKey && !mod && e.code === 'Digit1') return run(() => void flow.fitView({ padding: 0.2, duration: 200 }));
      if (e.shiftKey && !mod && key === 'l') return run(s.layout);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target)) return;
      const clip = clipFromText(e.clipboardData?.getData('text/plain') ?? '');
      if (!clip) return;
      e.preventDefault();
      store.getState().paste(clip);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, [store, flow, enabled]);
}
